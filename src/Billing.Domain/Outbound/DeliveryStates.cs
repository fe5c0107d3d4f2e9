namespace Billing.Domain.Outbound;

/// <summary>The wire names of <see cref="DeliveryState"/>: <c>pending</c>, <c>succeeded</c>, <c>failed</c>.</summary>
public static class DeliveryStates
{
    public static string ToWire(this DeliveryState state) => state switch
    {
        DeliveryState.Pending => "pending",
        DeliveryState.Succeeded => "succeeded",
        DeliveryState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParse(string? text, out DeliveryState state)
    {
        (var known, state) = text switch
        {
            "pending" => (true, DeliveryState.Pending),
            "succeeded" => (true, DeliveryState.Succeeded),
            "failed" => (true, DeliveryState.Failed),
            _ => (false, DeliveryState.Pending),
        };
        return known;
    }
}

namespace Billing.StripeEmulator.State;

/// <summary>The wire names of <see cref="InvoiceStatus"/>.</summary>
internal static class InvoiceStatuses
{
    public static string ToWire(this InvoiceStatus status) => status switch
    {
        InvoiceStatus.Draft => "draft",
        InvoiceStatus.Open => "open",
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.Uncollectible => "uncollectible",
        InvoiceStatus.Void => "void",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string value, out InvoiceStatus status)
    {
        foreach (var candidate in Enum.GetValues<InvoiceStatus>())
        {
            if (candidate.ToWire() == value)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}

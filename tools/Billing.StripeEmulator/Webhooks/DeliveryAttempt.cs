namespace Billing.StripeEmulator.Webhooks;

/// <summary>One POST of an event to the endpoint: when (Unix seconds), the status it got (null when it got none) and the error, if any.</summary>
public sealed record DeliveryAttempt(long At, int? StatusCode, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

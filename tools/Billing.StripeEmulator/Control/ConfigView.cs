namespace Billing.StripeEmulator.Control;

/// <summary>The current switches, as <c>/_emulator/config</c> shows them (the secret itself is never shown).</summary>
internal sealed record ConfigView(
    string ApiVersion,
    string? WebhookUrl,
    bool WebhookSecretSet,
    bool DuplicateDelivery,
    int ShuffleWindow,
    long DeliveryDelayMs,
    double RateLimitFraction,
    double ServerErrorFraction,
    double LostResponseFraction)
{
    public static ConfigView From(EmulatorSettings s, string apiVersion) => new(
        apiVersion,
        s.WebhookUrl?.ToString(),
        s.WebhookSecret.Length > 0,
        s.DuplicateDelivery,
        s.ShuffleWindow,
        (long)s.DeliveryDelay.TotalMilliseconds,
        s.RateLimitFraction,
        s.ServerErrorFraction,
        s.LostResponseFraction);
}

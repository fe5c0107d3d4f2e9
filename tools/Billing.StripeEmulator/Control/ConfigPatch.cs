namespace Billing.StripeEmulator.Control;

/// <summary>
/// Body of <c>POST /_emulator/config</c>; members left out keep their value. An empty
/// <c>webhook_url</c> removes the endpoint.
/// </summary>
internal sealed record ConfigPatch(
    string? WebhookUrl,
    string? WebhookSecret,
    bool? DuplicateDelivery,
    int? ShuffleWindow,
    int? DeliveryDelayMs,
    double? RateLimitFraction,
    double? ServerErrorFraction,
    double? LostResponseFraction)
{
    public EmulatorSettings ApplyTo(EmulatorSettings current) => current with
    {
        WebhookUrl = WebhookUrl is null ? current.WebhookUrl : WebhookUrl.Length == 0 ? null : new Uri(WebhookUrl, UriKind.RelativeOrAbsolute),
        WebhookSecret = WebhookSecret ?? current.WebhookSecret,
        DuplicateDelivery = DuplicateDelivery ?? current.DuplicateDelivery,
        ShuffleWindow = ShuffleWindow ?? current.ShuffleWindow,
        DeliveryDelay = DeliveryDelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : current.DeliveryDelay,
        RateLimitFraction = RateLimitFraction ?? current.RateLimitFraction,
        ServerErrorFraction = ServerErrorFraction ?? current.ServerErrorFraction,
        LostResponseFraction = LostResponseFraction ?? current.LostResponseFraction,
    };
}

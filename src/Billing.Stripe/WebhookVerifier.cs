using System.Text.Json;
using Billing.Domain.Invoicing;
using Billing.Domain.Ports;
using Stripe;

namespace Billing.Stripe;

/// <summary>
/// Verifies a webhook's <c>Stripe-Signature</c> with the endpoint secret and the injected clock.
/// The event is read into <see cref="StripeEventFacts"/>, so no Stripe.net type leaves the adapter.
/// A forged, stale or unsigned webhook is <see cref="WebhookVerification.Rejected"/>; a signed body that is
/// not an event (no JSON object with an <c>id</c> and a <c>type</c>) is <see cref="WebhookVerification.NotAnEvent"/>.
/// No exception escapes for any input.
/// </summary>
public sealed class WebhookVerifier(IOptions<StripeOptions> options, TimeProvider time, ILogger<WebhookVerifier> logger) : IWebhookVerifier
{
    private readonly StripeOptions options = options.Value;

    public int MaxPayloadBytes => options.MaxWebhookBytes;

    /// <summary>Verifies at the injected clock's now.</summary>
    public WebhookVerification Verify(string payload, string? signatureHeader) => Verify(payload, signatureHeader, time.GetUtcNow());

    public WebhookVerification Verify(string payload, string? signatureHeader, DateTimeOffset now)
    {
        var result = Check(payload, signatureHeader, now);
        if (result switch { WebhookVerification.Rejected r => r.Reason, WebhookVerification.NotAnEvent n => n.Reason, _ => null } is { } reason)
        {
            GatewayLog.WebhookRejected(logger, reason);
        }

        return result;
    }

    private WebhookVerification Check(string payload, string? signatureHeader, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(options.WebhookSecret))
        {
            return new WebhookVerification.Rejected("no webhook secret is configured");
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return new WebhookVerification.Rejected("missing Stripe-Signature header");
        }

        if (string.IsNullOrEmpty(payload))
        {
            return new WebhookVerification.Rejected("empty payload");
        }

        try
        {
            // The signature first: nothing of an unsigned body is parsed.
            EventUtility.ValidateSignature(payload, signatureHeader, options.WebhookSecret, (long)options.WebhookTolerance.TotalSeconds, now.ToUnixTimeSeconds());
        }
        catch (StripeException e)
        {
            // Stripe.net's messages name the failure (no signature matching, outside tolerance) but never the secret.
            return new WebhookVerification.Rejected(e.Message);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return new WebhookVerification.Rejected($"unreadable Stripe-Signature header: {e.GetType().Name}");
        }

        return Parse(payload);
    }

    /// <summary>A signed body is Stripe's; it still has to be an event for us to act on it.</summary>
    private static WebhookVerification Parse(string payload)
    {
        if (!HasEventShape(payload))
        {
            return new WebhookVerification.NotAnEvent("the body is not a Stripe event: a JSON object with a string \"id\" and \"type\" is expected");
        }

        try
        {
            return new WebhookVerification.Verified(StripeFacts.FromEvent(EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false)));
        }
        catch (Exception e) when (e is StripeException or InvalidOperationException or FormatException or ArgumentException or InvalidCastException
            or OverflowException or System.Text.Json.JsonException or Newtonsoft.Json.JsonException)
        {
            // An object with an id and a type whose other fields do not read as Stripe's (a mistyped "created", say).
            return new WebhookVerification.NotAnEvent($"the body is not a Stripe event: {e.GetType().Name}");
        }
    }

    private static bool HasEventShape(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && IsNonEmptyString(document.RootElement, "id")
                && IsNonEmptyString(document.RootElement, "type");
        }
        catch (JsonException)
        {
            return false;
        }

        static bool IsNonEmptyString(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;
    }
}

using Stripe;

namespace Billing.Stripe;

/// <summary>
/// Verifies a webhook's <c>Stripe-Signature</c> with the endpoint secret and the injected clock.
/// A forged, stale, unsigned or unparsable webhook is <see cref="WebhookVerification.Rejected"/>; no exception escapes.
/// </summary>
public sealed class WebhookVerifier(IOptions<StripeOptions> options, TimeProvider time, ILogger<WebhookVerifier> logger)
{
    private readonly StripeOptions options = options.Value;

    /// <summary>Verifies at the injected clock's now.</summary>
    public WebhookVerification Verify(string payload, string? signatureHeader) => Verify(payload, signatureHeader, time.GetUtcNow());

    public WebhookVerification Verify(string payload, string? signatureHeader, DateTimeOffset now)
    {
        var result = Check(payload, signatureHeader, now);
        if (result is WebhookVerification.Rejected rejected)
        {
            GatewayLog.WebhookRejected(logger, rejected.Reason);
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
            var stripeEvent = EventUtility.ConstructEvent(
                payload,
                signatureHeader,
                options.WebhookSecret,
                (long)options.WebhookTolerance.TotalSeconds,
                now.ToUnixTimeSeconds(),
                throwOnApiVersionMismatch: false);
            return new WebhookVerification.Verified(stripeEvent);
        }
        catch (StripeException e)
        {
            // Stripe.net's messages name the failure (no signature matching, outside tolerance) but never the secret.
            return new WebhookVerification.Rejected(e.Message);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or System.Text.Json.JsonException or Newtonsoft.Json.JsonException)
        {
            return new WebhookVerification.Rejected($"unreadable webhook: {e.GetType().Name}");
        }
    }
}

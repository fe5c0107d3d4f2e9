using Billing.Domain.Invoicing;

namespace Billing.Domain.Ports;

/// <summary>Checks that a webhook comes from Stripe and reads its event. No exception escapes for any input.</summary>
public interface IWebhookVerifier
{
    /// <summary>The largest payload accepted, in bytes (<c>Stripe:MaxWebhookBytes</c>): the endpoint reads no more.</summary>
    int MaxPayloadBytes { get; }

    /// <param name="payload">The body, as sent.</param>
    /// <param name="signatureHeader">The <c>Stripe-Signature</c> header, when sent.</param>
    /// <param name="now">Real time (Stripe signs with it, whatever the test clock says).</param>
    WebhookVerification Verify(string payload, string? signatureHeader, DateTimeOffset now);
}

namespace Billing.Invoicing;

/// <summary>The HTTP-free input of the webhook function.</summary>
/// <param name="Payload">The request body as text, read at the HTTP edge within <c>Stripe:MaxWebhookBytes</c>.</param>
/// <param name="Signature">The <c>Stripe-Signature</c> header, when sent.</param>
public sealed record StripeWebhookRequest(string Payload, string? Signature);

namespace Billing.Invoicing;

/// <summary>The HTTP-free input of the webhook function.</summary>
/// <param name="Body">The request body, read no further than the limit.</param>
/// <param name="DeclaredLength">The Content-Length header, when sent.</param>
/// <param name="Signature">The <c>Stripe-Signature</c> header, when sent.</param>
public sealed record StripeWebhookRequest(Stream Body, long? DeclaredLength, string? Signature);

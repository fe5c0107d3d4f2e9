namespace Billing.StripeEmulator.Api;

/// <summary>The body of every Stripe error response.</summary>
internal sealed record ErrorEnvelope(ApiError Error);

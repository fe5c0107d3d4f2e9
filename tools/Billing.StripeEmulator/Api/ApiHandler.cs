namespace Billing.StripeEmulator.Api;

/// <summary>An API endpoint's logic: runs synchronously against the in-memory store and answers a Stripe object or error.</summary>
internal delegate ApiResponse ApiHandler(ApiRequest request);

namespace Billing.StripeEmulator.Idempotency;

/// <summary>The response saved under an idempotency key: status and exact body bytes, and the id of the request that produced it.</summary>
internal sealed record SavedResponse(int StatusCode, byte[] Body, string RequestId);

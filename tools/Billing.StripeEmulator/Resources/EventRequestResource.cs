namespace Billing.StripeEmulator.Resources;

/// <summary>The API request that caused an event: its <c>Request-Id</c> and idempotency key.</summary>
internal sealed record EventRequestResource(string? Id, string? IdempotencyKey);

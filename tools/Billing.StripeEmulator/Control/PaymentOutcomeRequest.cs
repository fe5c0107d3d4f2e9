namespace Billing.StripeEmulator.Control;

/// <summary>Body of <c>POST /_emulator/customers/{id}/payment_outcome</c>: <c>{"outcome": "succeeds" | "declines" | "requires_action"}</c>.</summary>
internal sealed record PaymentOutcomeRequest(string? Outcome);

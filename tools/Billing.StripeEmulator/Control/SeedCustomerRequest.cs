namespace Billing.StripeEmulator.Control;

/// <summary>Body of <c>POST /_emulator/customers</c>: a customer with a chosen id (<c>cus_…</c>).</summary>
internal sealed record SeedCustomerRequest(string? Id, string? Name, string? Email, string? PaymentOutcome);

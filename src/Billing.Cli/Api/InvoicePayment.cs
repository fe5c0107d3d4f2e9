namespace Billing.Cli.Api;

/// <summary>An invoice's collection so far: Stripe's attempt count and why the last attempt failed (null once paid).</summary>
internal sealed record InvoicePayment(int Attempts, string? LastError, long? LastAttemptAt);

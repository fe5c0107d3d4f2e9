namespace Billing.Invoicing.Runs;

/// <summary>The input of <see cref="PaymentRetryOrchestrator"/> (instance id <c>{invoice id}.pay{attempt}</c>).</summary>
/// <param name="Attempt">The attempt this charge is (the first attempt was the run's own).</param>
public sealed record PaymentRetryInput(string Customer, string InvoiceId, int Attempt, RunRetry Retry, int Stalls = 0);

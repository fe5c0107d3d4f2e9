namespace Billing.Invoicing.Runs;

/// <summary>The input of the stall report: the invoice, the orchestration and the failure after the step's retries.</summary>
public sealed record StallInput(string Customer, string InvoiceId, string Orchestration, string Error, TimeSpan RetryAfter);

namespace Billing.Invoicing.Runs;

/// <summary>How a run or a payment retry ended: the invoice's status (wire form) and <see cref="RunOutcomes"/>.</summary>
public sealed record InvoiceRunResult(string InvoiceId, string Status, string Outcome);

namespace Billing.Invoicing.Runs;

/// <summary>The input of the retry-payment activity: attempt n of an open invoice's payment.</summary>
public sealed record PaymentAttempt(string Customer, string InvoiceId, int Attempt);

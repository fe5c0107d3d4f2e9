namespace Billing.Invoicing.Runs;

/// <summary>The input of the supersede activity: the invoice and the Stripe invoice found gone.</summary>
public sealed record SupersedeInput(string Customer, string InvoiceId, string GoneStripeInvoiceId, string How);

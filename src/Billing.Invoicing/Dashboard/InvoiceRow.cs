namespace Billing.Invoicing.Dashboard;

/// <summary>An invoice and its Stripe hosted page, when known.</summary>
public sealed record InvoiceRow(InvoiceView Invoice, Uri? HostedUrl);

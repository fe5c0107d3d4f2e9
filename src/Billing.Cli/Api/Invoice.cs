namespace Billing.Cli.Api;

/// <summary>An invoice of <c>GET /api/invoices</c> (ARCHITECTURE.md §6): amounts in minor units, times in Unix seconds.</summary>
internal sealed record Invoice(
    string Id,
    string Customer,
    string Subscription,
    string BillingReason,
    long PeriodStart,
    long PeriodEnd,
    string Currency,
    IReadOnlyList<InvoiceLine> Lines,
    long Total,
    string Status,
    string? StripeInvoiceId);

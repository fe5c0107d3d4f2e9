namespace Billing.Cli.Api;

/// <summary>An invoice of <c>GET /api/invoices</c> (docs/contracts.md §7): amounts in minor units, times in Unix seconds.</summary>
/// <param name="Payment">Null from an app that does not report it.</param>
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
    string? StripeInvoiceId,
    InvoicePayment? Payment = null);

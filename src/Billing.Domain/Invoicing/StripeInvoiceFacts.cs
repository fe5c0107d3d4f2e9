namespace Billing.Domain.Invoicing;

/// <summary>
/// What Stripe says about one of our invoices, from a webhook's payload or from reading the
/// invoice: enough to move our copy forward and to compare the two. Amounts in minor units.
/// </summary>
/// <param name="InvoiceId">Our id, from the Stripe invoice's <c>metadata.invoice_id</c>.</param>
/// <param name="LineAmounts">Null when the payload did not carry every line (a truncated list).</param>
/// <param name="PaymentError">Why the latest payment attempt failed, when the source says so.</param>
public sealed record StripeInvoiceFacts(
    string StripeInvoiceId,
    string Customer,
    string InvoiceId,
    InvoiceStatus Status,
    long Total,
    IReadOnlyList<long>? LineAmounts,
    long AttemptCount,
    string? PaymentError)
{
    /// <summary>Stripe's <c>hosted_invoice_url</c>, the customer's page for the invoice: set once it is finalized; null on a draft or when the source did not say.</summary>
    public string? HostedInvoiceUrl { get; init; }
}

using System.Text.Json.Serialization;
using Billing.Domain.Invoicing;

namespace Billing.Invoicing;

/// <summary>An invoice as <c>GET /api/invoices</c> shows it (docs/contracts.md): amounts in minor units, times in Unix seconds.</summary>
public sealed record InvoiceView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("billing_reason")] string BillingReason,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("lines")] IReadOnlyList<InvoiceLineView> Lines,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stripe_invoice_id")] string? StripeInvoiceId,
    [property: JsonPropertyName("hosted_invoice_url")] string? HostedInvoiceUrl,
    [property: JsonPropertyName("payment")] PaymentView Payment,
    [property: JsonPropertyName("created")] long Created)
{
    public static InvoiceView From(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new(
            invoice.Id,
            invoice.Customer,
            invoice.Subscription,
            invoice.Reason.ToWire(),
            invoice.PeriodStart,
            invoice.PeriodEnd,
            invoice.Currency,
            [.. invoice.Lines.Select(l => new InvoiceLineView(l.Price, l.Meter, l.Quantity, l.Amount, l.PeriodStart, l.PeriodEnd))],
            invoice.Total,
            invoice.Status.ToWire(),
            invoice.StripeInvoiceId,
            invoice.HostedInvoiceUrl,
            new PaymentView(invoice.PaymentAttempts, invoice.LastPaymentError, invoice.LastPaymentAttemptAt?.ToUnixTimeSeconds()),
            invoice.CreatedAt.ToUnixTimeSeconds());
    }
}

/// <summary>One line: <c>meter</c> is null for seats; <c>quantity</c> is what this invoice covers.</summary>
public sealed record InvoiceLineView(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("meter")] string? Meter,
    [property: JsonPropertyName("quantity")] decimal Quantity,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd);

/// <summary>Collection so far: Stripe's attempt count and why the last attempt failed (null once paid).</summary>
public sealed record PaymentView(
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("last_attempt_at")] long? LastAttemptAt);

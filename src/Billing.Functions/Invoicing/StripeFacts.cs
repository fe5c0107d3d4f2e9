using Billing.Domain.Invoicing;
using Stripe;

namespace Billing.Functions.Invoicing;

/// <summary>Reads <see cref="StripeInvoiceFacts"/> out of Stripe.net's objects.</summary>
public static class StripeFacts
{
    /// <summary>The metadata key naming our invoice on Stripe's.</summary>
    public const string InvoiceIdKey = "invoice_id";

    /// <summary>The facts of an invoice event; null when the event is not about an invoice of ours.</summary>
    public static StripeInvoiceFacts? FromEvent(Event stripeEvent)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        if (stripeEvent.Data?.Object is not Invoice invoice)
        {
            return null;
        }

        var error = stripeEvent.Type switch
        {
            "invoice.payment_failed" => "payment_failed",
            "invoice.payment_action_required" => "requires_action",
            _ => null,
        };
        return FromInvoice(invoice, error);
    }

    /// <summary>The facts of an invoice read from Stripe; null when it does not name an invoice of ours.</summary>
    public static StripeInvoiceFacts? FromInvoice(Invoice invoice, string? paymentError = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Metadata?.GetValueOrDefault(InvoiceIdKey) is not { Length: > 0 } ours
            || invoice.CustomerId is not { Length: > 0 } customer
            || !InvoiceStatuses.TryParse(invoice.Status, out var status))
        {
            return null;
        }

        IReadOnlyList<long>? lines = invoice.Lines is { HasMore: false, Data: { } data } ? [.. data.Select(l => l.Amount)] : null;
        return new StripeInvoiceFacts(invoice.Id, customer, ours, status, invoice.Total, lines, invoice.AttemptCount, paymentError);
    }
}

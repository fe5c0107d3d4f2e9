using Billing.Domain.Invoicing;
using Stripe;
using Invoice = Stripe.Invoice;

namespace Billing.Stripe;

/// <summary>Reads <see cref="StripeInvoiceFacts"/> out of what Stripe answers: an event's invoice, or the gateway's snapshot.</summary>
internal static class StripeFacts
{
    /// <summary>The metadata key naming our invoice on Stripe's.</summary>
    public const string InvoiceIdKey = "invoice_id";

    /// <summary>An event's id and type, with the facts of the invoice it is about when that is one of ours.</summary>
    public static StripeEventFacts FromEvent(Event stripeEvent)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        return new StripeEventFacts(stripeEvent.Id, stripeEvent.Type, InvoiceOf(stripeEvent));
    }

    /// <summary>The facts of an invoice event; null when the event is not about an invoice of ours.</summary>
    private static StripeInvoiceFacts? InvoiceOf(Event stripeEvent)
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
        return new StripeInvoiceFacts(invoice.Id, customer, ours, status, invoice.Total, lines, invoice.AttemptCount, paymentError)
        {
            HostedInvoiceUrl = invoice.HostedInvoiceUrl,
        };
    }

    /// <summary>The facts of an invoice the gateway read (every line included).</summary>
    /// <param name="invoiceId">Our id, for an invoice whose metadata does not name it.</param>
    public static StripeInvoiceFacts FromSnapshot(StripeInvoiceSnapshot snapshot, string invoiceId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return !InvoiceStatuses.TryParse(snapshot.Status, out var status)
            ? throw new InvalidOperationException($"Stripe invoice {snapshot.Id} has an unknown status '{snapshot.Status}'.")
            : new StripeInvoiceFacts(
                snapshot.Id,
                snapshot.Customer,
                snapshot.Metadata.GetValueOrDefault(InvoiceIdKey) ?? invoiceId,
                status,
                snapshot.Total,
                snapshot.LineAmounts,
                snapshot.AttemptCount,
                PaymentError: null)
            {
                HostedInvoiceUrl = snapshot.HostedInvoiceUrl,
            };
    }
}

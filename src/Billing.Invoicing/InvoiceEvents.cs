using System.Globalization;
using System.Text.Json;
using Billing.Domain.Invoicing;
using Billing.Domain.Outbound;
using Billing.Domain.Ports;

namespace Billing.Invoicing;

/// <summary>
/// The outbound events of an invoice (docs/contracts.md §8), each owed once the invoice's state
/// says it happened and our ledger has the invoice (its run recorded it):
/// <c>invoice.created</c> (finalized at Stripe and recorded: issued, counting as billed),
/// <c>invoice.paid</c> (status paid), and <c>invoice.payment_failed</c> for each failed payment
/// attempt (open with a payment error after attempt n). Their keys name the invoice (and the
/// attempt), so publishing what is owed again publishes nothing new. The event's <c>data</c> is the
/// invoice as <c>GET /api/invoices</c> shows it, when the event was published.
/// </summary>
public sealed class InvoiceEvents(IOutboundEvents events)
{
    /// <summary>The events the invoice's state owes, as (type, key), in the order they happen.</summary>
    public static IReadOnlyList<(string Type, string Key)> Owed(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Step < RunStep.Recorded)
        {
            return [];
        }

        var owed = new List<(string, string)> { (OutboundEventTypes.InvoiceCreated, $"{OutboundEventTypes.InvoiceCreated}:{invoice.Id}") };
        if (invoice is { Status: InvoiceStatus.Open, LastPaymentError: not null, PaymentAttempts: > 0 })
        {
            owed.Add((OutboundEventTypes.InvoicePaymentFailed, string.Create(CultureInfo.InvariantCulture, $"{OutboundEventTypes.InvoicePaymentFailed}:{invoice.Id}:{invoice.PaymentAttempts}")));
        }

        if (invoice.Status == InvoiceStatus.Paid)
        {
            owed.Add((OutboundEventTypes.InvoicePaid, $"{OutboundEventTypes.InvoicePaid}:{invoice.Id}"));
        }

        return owed;
    }

    /// <summary>
    /// Publishes every event the invoice's state owes (those published before cost a read each).
    /// For the run's activities: one that stopped after writing a state and before publishing
    /// publishes it when it runs again.
    /// </summary>
    public async Task PublishOwedAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        foreach (var (type, key) in Owed(invoice))
        {
            await events.PublishAsync(type, key, Data(invoice), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes the events <paramref name="after"/> owes that <paramref name="before"/> did not:
    /// for a change that is written after this call, so that a change interrupted in between is
    /// seen again when it is made again (a redelivered webhook, the next reconciliation).
    /// </summary>
    public async Task PublishNewAsync(Invoice before, Invoice after, CancellationToken cancellationToken)
    {
        var owedBefore = Owed(before);
        foreach (var (type, key) in Owed(after).Where(e => !owedBefore.Contains(e)))
        {
            await events.PublishAsync(type, key, Data(after), cancellationToken).ConfigureAwait(false);
        }
    }

    private static JsonElement Data(Invoice invoice) => JsonSerializer.SerializeToElement(InvoiceView.From(invoice));
}

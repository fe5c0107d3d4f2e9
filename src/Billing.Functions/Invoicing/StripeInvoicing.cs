using Billing.Domain.Invoicing;
using Billing.Domain.Monetary;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Storage.Invoices;
using Billing.Stripe;

namespace Billing.Functions.Invoicing;

/// <summary>
/// The invoice run's Stripe calls, in terms of our stored invoice: each takes the step name and
/// derives the idempotency key <c>billing:{invoice id}:{step}</c> from it (<see cref="IdempotencyKeys"/>).
/// </summary>
public sealed class StripeInvoicing(StripeGateway gateway)
{
    public Task<string> CreateDraftAsync(InvoiceRecord invoice, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var draft = new InvoiceDraft(invoice.Subscription, invoice.Customer, invoice.Reason, Period(invoice.PeriodStart, invoice.PeriodEnd), Currency.FromCode(invoice.Currency), []);
        return gateway.CreateDraftInvoiceAsync(draft, invoice.Id, IdempotencyKeys.For(invoice.Id, step), cancellationToken);
    }

    public async Task AddLinesAsync(InvoiceRecord invoice, string stripeInvoiceId, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var currency = Currency.FromCode(invoice.Currency);
        for (var i = 0; i < invoice.Lines.Count; i++)
        {
            var l = invoice.Lines[i];
            var line = new InvoiceLine(
                l.Price, l.Meter, Period(l.PeriodStart, l.PeriodEnd), l.Quantity, l.Amount, new PriceBreakdown(l.Quantity, l.Quantity, [], currency), new BilledToDate(l.CumulativeQuantity, l.CumulativeAmount));
            await gateway.AddLineAsync(stripeInvoiceId, invoice.Customer, invoice.Currency, line, invoice.Id, i, IdempotencyKeys.For(invoice.Id, $"{step}-{i}"), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public async Task<StripeInvoiceFacts> FinalizeAsync(string stripeInvoiceId, InvoiceRecord invoice, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return Facts(invoice, await gateway.FinalizeAsync(stripeInvoiceId, IdempotencyKeys.For(invoice.Id, step), cancellationToken).ConfigureAwait(false));
    }

    public Task<PaymentResult> PayAsync(string stripeInvoiceId, string invoiceId, string step, CancellationToken cancellationToken) =>
        gateway.PayAsync(stripeInvoiceId, IdempotencyKeys.For(invoiceId, step), cancellationToken);

    /// <summary>Stripe's invoice as it is now; null when it does not name <paramref name="invoice"/>.</summary>
    public async Task<StripeInvoiceFacts?> GetAsync(InvoiceRecord invoice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var snapshot = await gateway.GetInvoiceAsync(invoice.StripeInvoiceId ?? throw new ArgumentException("The invoice has no Stripe id.", nameof(invoice)), cancellationToken)
            .ConfigureAwait(false);
        return Facts(invoice, snapshot);
    }

    public Task<IReadOnlyList<global::Stripe.Event>> ListEventsAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        throw new NotSupportedException("pending gateway");

    private static StripeInvoiceFacts Facts(InvoiceRecord invoice, StripeInvoiceSnapshot snapshot) =>
        !InvoiceStatuses.TryParse(snapshot.Status, out var status)
            ? throw new InvalidOperationException($"Stripe invoice {snapshot.Id} has an unknown status '{snapshot.Status}'.")
            : new StripeInvoiceFacts(snapshot.Id, invoice.Customer, invoice.Id, status, snapshot.Total, snapshot.LineAmounts, 0, null);

    private static BillingPeriod Period(long start, long end) => new(DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(end));
}

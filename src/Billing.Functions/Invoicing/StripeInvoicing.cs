using Billing.Domain.Invoicing;
using Billing.Domain.Monetary;
using Billing.Domain.Periods;
using Billing.Domain.Catalog;
using Billing.Storage.Invoices;
using Billing.Stripe;

namespace Billing.Functions.Invoicing;

/// <summary>
/// The invoice run's Stripe calls, in terms of our stored invoice: each takes the step name and
/// derives the idempotency key <c>billing:{invoice id}:{step}</c> from it (<see cref="IdempotencyKeys"/>).
/// The gateway is built on first use, so an app without Stripe settings still starts, meters usage
/// and runs its timers; only a call to Stripe fails, naming the missing setting.
/// </summary>
public sealed class StripeInvoicing(Lazy<StripeGateway> lazyGateway, BillingCatalog catalog)
{
    private StripeGateway Gateway => lazyGateway.Value;

    public Task<string> CreateDraftAsync(InvoiceRecord invoice, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var draft = new InvoiceDraft(invoice.Subscription, invoice.Customer, invoice.Reason, Period(invoice.PeriodStart, invoice.PeriodEnd), Currency.FromCode(invoice.Currency), []);
        return Gateway.CreateDraftInvoiceAsync(draft, invoice.Id, IdempotencyKeys.For(invoice.Id, step), cancellationToken);
    }

    /// <summary>Every line in as few <c>add_lines</c> calls as Stripe allows; chunk k carries the key of step <c>{step}-{k}</c>.</summary>
    public Task AddLinesAsync(InvoiceRecord invoice, string stripeInvoiceId, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var lines = invoice.Lines.Select(l => ToDomainLine(invoice, l)).ToArray();
        return Gateway.AddLinesAsync(stripeInvoiceId, lines, invoice.Id, chunk => IdempotencyKeys.For(invoice.Id, $"{step}-{chunk}"), cancellationToken);
    }

    public async Task<StripeInvoiceFacts> FinalizeAsync(string stripeInvoiceId, InvoiceRecord invoice, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return Facts(invoice, await Gateway.FinalizeAsync(stripeInvoiceId, IdempotencyKeys.For(invoice.Id, step), cancellationToken).ConfigureAwait(false));
    }

    public Task<PaymentResult> PayAsync(string stripeInvoiceId, string invoiceId, string step, CancellationToken cancellationToken) =>
        Gateway.PayAsync(stripeInvoiceId, IdempotencyKeys.For(invoiceId, step), cancellationToken);

    /// <summary>Stripe's invoice as it is now; null when it does not name <paramref name="invoice"/>.</summary>
    public async Task<StripeInvoiceFacts?> GetAsync(InvoiceRecord invoice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var snapshot = await Gateway.GetInvoiceAsync(invoice.StripeInvoiceId ?? throw new ArgumentException("The invoice has no Stripe id.", nameof(invoice)), cancellationToken)
            .ConfigureAwait(false);
        return Facts(invoice, snapshot);
    }

    public Task<IReadOnlyList<global::Stripe.Event>> ListEventsAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        Gateway.ListEventsAsync(since, cancellationToken);

    private static StripeInvoiceFacts Facts(InvoiceRecord invoice, StripeInvoiceSnapshot snapshot) =>
        !InvoiceStatuses.TryParse(snapshot.Status, out var status)
            ? throw new InvalidOperationException($"Stripe invoice {snapshot.Id} has an unknown status '{snapshot.Status}'.")
            : new StripeInvoiceFacts(snapshot.Id, snapshot.Customer, snapshot.Metadata.GetValueOrDefault(StripeFacts.InvoiceIdKey) ?? invoice.Id, status, snapshot.Total, snapshot.LineAmounts, snapshot.AttemptCount, null);

    /// <summary>The stored line as the domain line it was built from; its breakdown is the price of the cumulative quantity, as when it was built.</summary>
    private InvoiceLine ToDomainLine(InvoiceRecord invoice, InvoiceLineRecord line)
    {
        var price = catalog.FindPrice(line.Price) ?? throw new InvalidOperationException($"Invoice {invoice.Id} bills price {line.Price}, which the catalog no longer has.");
        return new InvoiceLine(
            line.Price,
            line.Meter,
            Period(line.PeriodStart, line.PeriodEnd),
            line.Quantity,
            line.Amount,
            price.PriceOf(line.CumulativeQuantity),
            new BilledToDate(line.CumulativeQuantity, line.CumulativeAmount));
    }

    private static BillingPeriod Period(long start, long end) => new(DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(end));
}

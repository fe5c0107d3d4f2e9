using Billing.Domain.Invoicing;
using Billing.Domain.Periods;
using Billing.Domain.Ports;

namespace Billing.Stripe;

/// <summary>
/// The invoice run's Stripe calls, in terms of our stored invoice: each takes the step name and
/// derives the idempotency key <c>billing:{invoice id}:{step}</c> from it (<see cref="IdempotencyKeys"/>).
/// The gateway is built on first use, so an app without Stripe settings still starts, meters usage
/// and runs its timers; only a call to Stripe fails, naming the missing setting.
/// </summary>
internal sealed class StripeInvoicing(Lazy<StripeGateway> lazyGateway) : IStripeBilling
{
    private StripeGateway Gateway => lazyGateway.Value;

    /// <returns>The Stripe invoice id.</returns>
    public Task<string> CreateDraftAsync(Invoice invoice, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var draft = new StripeDraft(invoice.Id, invoice.Customer, invoice.Subscription, invoice.Reason, Period(invoice.PeriodStart, invoice.PeriodEnd), invoice.Currency);
        return Gateway.CreateDraftInvoiceAsync(draft, Key(invoice, step), cancellationToken);
    }

    /// <summary>Every line in as few <c>add_lines</c> calls as Stripe allows; chunk k carries the key of step <c>{step}-{k}</c>.</summary>
    public Task AddLinesAsync(Invoice invoice, string step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var lines = invoice.Lines.Select(l => new StripeLine(l.Price, l.Meter, Period(l.PeriodStart, l.PeriodEnd), l.Quantity, l.Amount)).ToArray();
        return Gateway.AddLinesAsync(StripeIdOf(invoice), lines, invoice.Id, chunk => Key(invoice, $"{step}-{chunk}"), cancellationToken);
    }

    public async Task<StripeInvoiceFacts> FinalizeAsync(Invoice invoice, string step, CancellationToken cancellationToken) =>
        StripeFacts.FromSnapshot(await Gateway.FinalizeAsync(StripeIdOf(invoice), Key(invoice, step), cancellationToken).ConfigureAwait(false), invoice.Id);

    public Task<PaymentResult> PayAsync(Invoice invoice, string step, CancellationToken cancellationToken) =>
        Gateway.PayAsync(StripeIdOf(invoice), Key(invoice, step), cancellationToken);

    /// <summary>Stripe's invoice as it is now.</summary>
    public async Task<StripeInvoiceFacts> GetAsync(Invoice invoice, CancellationToken cancellationToken) =>
        StripeFacts.FromSnapshot(await Gateway.GetInvoiceAsync(StripeIdOf(invoice), cancellationToken).ConfigureAwait(false), invoice.Id);

    public async Task<IReadOnlyList<StripeEventFacts>> ListEventsAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        [.. (await Gateway.ListEventsAsync(since, cancellationToken).ConfigureAwait(false)).Select(StripeFacts.FromEvent)];

    private static string StripeIdOf(Invoice invoice) =>
        invoice.StripeInvoiceId ?? throw new InvalidOperationException($"Invoice {invoice.Id} is at step {invoice.Step} without a Stripe invoice id.");

    private static string Key(Invoice invoice, string step) => IdempotencyKeys.For(invoice.Id, step);

    private static BillingPeriod Period(long start, long end) => new(DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(end));
}

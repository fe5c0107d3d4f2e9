using Billing.Domain.Invoicing;
using Billing.Domain.Periods;
using System.Net;
using Billing.Domain.Ports;
using StripeException = Stripe.StripeException;

namespace Billing.Stripe;

/// <summary>
/// The invoice run's Stripe calls, in terms of our stored invoice: each takes the step name and
/// derives the idempotency key <c>billing:{invoice id}:{step}</c> from it (<see cref="IdempotencyKeys"/>).
/// The gateway is built on first use, so an app without Stripe settings still starts, meters usage
/// and runs its timers; only a call to Stripe fails, naming the missing setting. A call about a
/// Stripe invoice that is gone (404 <c>resource_missing</c>, or refused because it was voided)
/// throws <see cref="StripeInvoiceGoneException"/>, which the invoice run acts on.
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
        return AboutAsync(invoice, id => Gateway.AddLinesAsync(id, lines, invoice.Id, chunk => Key(invoice, $"{step}-{chunk}"), cancellationToken), cancellationToken);
    }

    public async Task<StripeInvoiceFacts> FinalizeAsync(Invoice invoice, string step, CancellationToken cancellationToken) =>
        StripeFacts.FromSnapshot(await AboutAsync(invoice, id => Gateway.FinalizeAsync(id, Key(invoice, step), cancellationToken), cancellationToken).ConfigureAwait(false), invoice.Id);

    public Task<PaymentResult> PayAsync(Invoice invoice, string step, CancellationToken cancellationToken) =>
        AboutAsync(invoice, id => Gateway.PayAsync(id, Key(invoice, step), cancellationToken), cancellationToken);

    /// <summary>Stripe's invoice as it is now (a voided one is a fact to reconcile, not gone).</summary>
    public async Task<StripeInvoiceFacts> GetAsync(Invoice invoice, CancellationToken cancellationToken) =>
        StripeFacts.FromSnapshot(await AboutAsync(invoice, id => Gateway.GetInvoiceAsync(id, cancellationToken), cancellationToken).ConfigureAwait(false), invoice.Id);

    public async Task<IReadOnlyList<StripeEventFacts>> ListEventsAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        [.. (await Gateway.ListEventsAsync(since, cancellationToken).ConfigureAwait(false)).Select(StripeFacts.FromEvent)];

    /// <summary>
    /// One call about the invoice's Stripe invoice; a 404 (Stripe names only that invoice in these
    /// calls) means it is gone, and a request refused as invalid is read back: refused because the
    /// invoice is void means gone too. Anything else propagates (STYLE rule 11).
    /// </summary>
    private async Task<T> AboutAsync<T>(Invoice invoice, Func<string, Task<T>> call, CancellationToken cancellationToken)
    {
        var stripeId = StripeIdOf(invoice);
        try
        {
            return await call(stripeId).ConfigureAwait(false);
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            throw new StripeInvoiceGoneException(stripeId, "missing", e);
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.BadRequest && e.StripeError?.Type == "invalid_request_error")
        {
            if (await IsVoidAsync(stripeId, cancellationToken).ConfigureAwait(false))
            {
                throw new StripeInvoiceGoneException(stripeId, "void", e);
            }

            throw;
        }
    }

    private async Task<bool> IsVoidAsync(string stripeId, CancellationToken cancellationToken)
    {
        try
        {
            return (await Gateway.GetInvoiceAsync(stripeId, cancellationToken).ConfigureAwait(false)).Status == "void";
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return true; // gone meanwhile: as void as it gets
        }
    }

    private static string StripeIdOf(Invoice invoice) =>
        invoice.StripeInvoiceId ?? throw new InvalidOperationException($"Invoice {invoice.Id} is at step {invoice.Step} without a Stripe invoice id.");

    /// <summary>The key of <paramref name="step"/> of the invoice's current Stripe invoice (its generation's suffix after the first).</summary>
    private static string Key(Invoice invoice, string step) => IdempotencyKeys.For(invoice.Id, invoice.StepKey(step));

    private static BillingPeriod Period(long start, long end) => new(DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(end));
}

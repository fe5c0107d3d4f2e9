using System.Collections.Concurrent;
using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Subscriptions;
using Billing.Storage.Invoices;
using InvoiceLineItemListOptions = Stripe.InvoiceLineItemListOptions;
using InvoiceLineItemService = Stripe.InvoiceLineItemService;
using InvoiceService = Stripe.InvoiceService;
using IStripeClient = Stripe.IStripeClient;
using DomainInvoiceStatus = Billing.Domain.Invoicing.InvoiceStatus;

namespace Billing.Benchmarks;

/// <summary>
/// Checks every invoice the run should have issued, two per subscription: the create invoice
/// (<see cref="Invoicer.Create"/>: seats of the first period) and the cycle invoice
/// (<see cref="Invoicer.Cycle"/> over the workload's own quantities, not the stored ones). Ours must
/// have exactly the expected lines, be paid and completed; Stripe's (the emulator's, read back with
/// Stripe.net) must be paid with the same customer, total and line amounts. No other invoice may exist.
/// </summary>
internal sealed class InvoiceChecks(BillingCatalog catalog, InvoiceStore invoices, IStripeClient stripe)
{
    private const int MaxExamples = 10;

    private readonly ConcurrentQueue<string> problems = new();
    private long lines;
    private long checkedInvoices;

    public async Task<InvoiceCheckReport> RunAsync(InvoicingWorkload workload, int parallelism, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, Invoice>(StringComparer.Ordinal);
        await foreach (var invoice in invoices.ListAsync(customer: null, cancellationToken))
        {
            stored[invoice.Id] = invoice;
        }

        var expectedIds = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, workload.Subscriptions),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (c, ct) =>
            {
                var subscription = catalog.FindSubscription(InvoicingWorkload.Subscription(c))
                    ?? throw new InvalidOperationException($"The catalog has no {InvoicingWorkload.Subscription(c)}.");
                var first = subscription.Schedule.PeriodAt(0);
                var usage = new PeriodUsage(first, InvoicingWorkload.Quantities(c), new Dictionary<string, BilledToDate>());
                foreach (var expected in new[] { Invoicer.Create(subscription), Invoicer.Cycle(subscription, usage) })
                {
                    var id = InvoiceIds.For(subscription.Id, first.Start.ToUnixTimeSeconds(), expected.Reason, runNumber: 0);
                    expectedIds[id] = true;
                    await CheckAsync(subscription, id, expected, stored.GetValueOrDefault(id), ct);
                }
            });

        var unexpected = stored.Keys.Where(id => !expectedIds.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        return new InvoiceCheckReport(
            Expected: expectedIds.Count,
            Found: stored.Count,
            CycleFound: stored.Values.Count(i => i.Reason == BillingReason.SubscriptionCycle),
            Checked: checkedInvoices,
            Lines: lines,
            Unexpected: unexpected.Count,
            Problems: problems.Count + unexpected.Count,
            Examples: [.. problems.Concat(unexpected.Select(id => $"{id}: not expected (only create and cycle invoices should exist)")).Take(MaxExamples)]);
    }

    private async Task CheckAsync(Subscription subscription, string id, InvoiceDraft expected, Invoice? ours, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref checkedInvoices);
        if (ours is null)
        {
            problems.Enqueue($"{id}: missing");
            return;
        }

        Interlocked.Add(ref lines, ours.Lines.Count);
        var want = expected.Lines.Select(l => new BilledLine(
            l.PriceId,
            l.MeterId,
            l.Quantity,
            l.AmountMinor,
            l.Period.Start.ToUnixTimeSeconds(),
            l.Period.End.ToUnixTimeSeconds(),
            l.Cumulative.Quantity,
            l.Cumulative.AmountMinor)).ToList();
        if (!want.SequenceEqual(ours.Lines))
        {
            problems.Enqueue($"{id}: lines [{string.Join("; ", ours.Lines)}], expected [{string.Join("; ", want)}]");
        }

        if (ours.Customer != subscription.CustomerId || ours.Reason != expected.Reason || ours.Currency != expected.Currency.Code ||
            ours.PeriodStart != expected.Period.Start.ToUnixTimeSeconds() || ours.PeriodEnd != expected.Period.End.ToUnixTimeSeconds())
        {
            problems.Enqueue($"{id}: customer {ours.Customer}, reason {ours.Reason}, currency {ours.Currency} or period {ours.PeriodStart}–{ours.PeriodEnd} is not the expected");
        }

        if (ours.Status != DomainInvoiceStatus.Paid || ours.Step != RunStep.Completed || ours.LastPaymentError is not null)
        {
            problems.Enqueue($"{id}: status {ours.Status}, step {ours.Step}, last payment error {ours.LastPaymentError ?? "none"}; expected paid and completed");
        }

        if (ours.StripeInvoiceId is not { } stripeId)
        {
            problems.Enqueue($"{id}: no Stripe invoice");
            return;
        }

        var theirs = await new InvoiceService(stripe).GetAsync(stripeId, cancellationToken: cancellationToken);
        List<long> theirAmounts;
        if (theirs.Lines is { HasMore: false } page)
        {
            theirAmounts = page.Data.Select(l => l.Amount).ToList();
        }
        else
        {
            // A loop, not LINQ: the Durable Task packages bring System.Linq.Async, whose Select is ambiguous with .NET 10's.
            theirAmounts = [];
            await foreach (var line in new InvoiceLineItemService(stripe).ListAutoPagingAsync(stripeId, new InvoiceLineItemListOptions { Limit = 100 }, cancellationToken: cancellationToken))
            {
                theirAmounts.Add(line.Amount);
            }
        }

        if (theirs.Status != "paid" || theirs.Total != ours.Total || theirs.AmountPaid != Math.Max(ours.Total, 0) || theirs.CustomerId != ours.Customer ||
            theirs.Metadata?.GetValueOrDefault("invoice_id") != ours.Id ||
            !theirAmounts.Order().SequenceEqual(ours.Lines.Select(l => l.Amount).Order()))
        {
            problems.Enqueue(
                $"{id}: Stripe {stripeId} is {theirs.Status}, total {theirs.Total}, paid {theirs.AmountPaid}, customer {theirs.CustomerId}, invoice_id {theirs.Metadata?.GetValueOrDefault("invoice_id")}, " +
                $"lines [{string.Join(", ", theirAmounts)}]; ours total {ours.Total}, lines [{string.Join(", ", ours.Lines.Select(l => l.Amount))}]");
        }
    }
}

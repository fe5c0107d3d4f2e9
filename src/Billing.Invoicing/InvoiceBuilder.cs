using Billing.Domain.Invoicing;
using Billing.Domain.Periods;
using Billing.Domain.Ports;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;
using Microsoft.Extensions.Options;

namespace Billing.Invoicing;

/// <summary>
/// Turns an invoice-run request into the invoice it should issue, by the prefix rule
/// (<see cref="Invoicer"/>) over the usage and the ledger as they are now; no invoice when there is
/// nothing to issue (the threshold is not reached, the invoice exists, or it has no lines) or, for
/// a threshold invoice, when the previous one is more recent than <see cref="InvoicingOptions.MinThresholdInterval"/>
/// or the period is no longer the current one (<see cref="ThresholdPolicy.Covers"/>: its cycle invoice bills the rest).
/// Lines whose price is beyond the line bound are left out and returned with it, to be reported.
/// <see cref="PreviewCycleAsync"/> builds a cycle invoice by the same code without writing anything.
/// </summary>
public sealed class InvoiceBuilder
{
    private readonly IUsageLedger usage;
    private readonly IBilledToDateLedger billed;
    private readonly IInvoiceStore invoices;
    private readonly UsageWindow ingestion;
    private readonly InvoicingOptions options;
    private readonly TimeProvider time;

    public InvoiceBuilder(
        IUsageLedger usage, IBilledToDateLedger billed, IInvoiceStore invoices, UsageWindow ingestion, IOptions<InvoicingOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.usage = usage;
        this.billed = billed;
        this.invoices = invoices;
        this.ingestion = ingestion;
        this.time = time;
    }

    /// <param name="runLock">The subscription's lock, free; its run count numbers threshold invoices.</param>
    public async Task<InvoiceBuild> BuildAsync(Subscription subscription, BillingReason reason, long periodIndex, RunLock runLock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(runLock);
        var period = subscription.Schedule.PeriodAt(periodIndex);
        var id = InvoiceIds.For(subscription.Id, period.Start.ToUnixTimeSeconds(), reason, runLock.Runs + 1);
        if (reason != BillingReason.SubscriptionThreshold && await invoices.GetAsync(subscription.CustomerId, id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return InvoiceBuild.Nothing(id); // issued (or being issued) already: the request is a repeat
        }

        var draft = reason switch
        {
            BillingReason.SubscriptionCreate => Invoicer.Create(subscription),
            BillingReason.SubscriptionThreshold when runLock.LastThresholdAt + options.MinThresholdInterval > time.GetUtcNow() => null,
            BillingReason.SubscriptionThreshold => await ThresholdAsync(subscription, period, cancellationToken).ConfigureAwait(false),
            BillingReason.SubscriptionCycle => await CycleAsync(subscription, periodIndex, markInvoiced: true, new ProjectedLedger(billed), cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
        };
        return new InvoiceBuild(id, draft is { Lines.Count: > 0 } ? ToRecord(id, draft) : null, draft?.Unbillable ?? []);
    }

    private async Task<InvoiceDraft?> ThresholdAsync(Subscription subscription, BillingPeriod period, CancellationToken cancellationToken)
    {
        if (!ThresholdPolicy.Covers(period, time.GetUtcNow()))
        {
            return null; // the period ended since the request was sent: its cycle invoice bills it
        }

        var partition = new UsagePartition(subscription.Id, period);
        if (await usage.ReadAsync(partition, cancellationToken).ConfigureAwait(false) is not { InvoicedAt: null } snapshot)
        {
            return null; // no usage, or the period's cycle invoice took it all
        }

        var billedByPrice = await billed.ReadAsync(subscription.CustomerId, partition, cancellationToken).ConfigureAwait(false);
        return Invoicer.Threshold(subscription, snapshot.ToPeriodUsage(billedByPrice));
    }

    /// <summary>
    /// The cycle invoice of period <paramref name="index"/> (usually the current one) as
    /// <see cref="BuildAsync"/> would build it when the period closes, if no more usage arrived:
    /// built by the same code, fed with what that run will find, and written nowhere (no lock, no
    /// invoice row, the period not marked invoiced). The run will find the ledger with
    /// <paramref name="inFlight"/>'s lines recorded (the subscription's run in flight, which the
    /// close waits for) and, when the previous period's cycle invoice is not built yet (its grace
    /// window, or its close on the way), with that invoice recorded too: it comes first and bills
    /// the late usage that has reached earlier periods so far. Lines beyond the line bound are left
    /// out, as the run leaves them out; nothing is reported.
    /// </summary>
    /// <returns>The invoice as it would be issued, with no lines when the close would issue nothing.</returns>
    public async Task<Invoice> PreviewCycleAsync(Subscription subscription, long index, Invoice? inFlight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var ledger = new ProjectedLedger(billed);
        if (inFlight is not null)
        {
            ledger.Record(inFlight.Lines);
        }

        if (index > 0 && await IsCycleAheadAsync(subscription, index - 1, cancellationToken).ConfigureAwait(false))
        {
            var previous = await CycleAsync(subscription, index - 1, markInvoiced: false, ledger, cancellationToken).ConfigureAwait(false);
            ledger.Record(BilledLines(previous));
        }

        var draft = await CycleAsync(subscription, index, markInvoiced: false, ledger, cancellationToken).ConfigureAwait(false);
        return ToRecord(InvoiceIds.For(subscription.Id, draft.Period.Start.ToUnixTimeSeconds(), BillingReason.SubscriptionCycle, runNumber: 0), draft);
    }

    /// <summary>
    /// Whether period <paramref name="index"/>'s cycle invoice is still to be built: no such invoice
    /// and its usage not marked invoiced (a cycle run marks it before it builds).
    /// </summary>
    private async Task<bool> IsCycleAheadAsync(Subscription subscription, long index, CancellationToken cancellationToken)
    {
        var period = subscription.Schedule.PeriodAt(index);
        var id = InvoiceIds.For(subscription.Id, period.Start.ToUnixTimeSeconds(), BillingReason.SubscriptionCycle, runNumber: 0);
        if (await invoices.GetAsync(subscription.CustomerId, id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        return await usage.ReadAsync(new UsagePartition(subscription.Id, period), cancellationToken).ConfigureAwait(false) is not { InvoicedAt: not null };
    }

    /// <summary>
    /// Prices the ended period together with late usage of earlier periods; marks it invoiced first
    /// when <paramref name="markInvoiced"/> (so later events count as late). Late usage can reach a
    /// period only while its events are young enough for the ingestion window, so earlier periods
    /// are read back to that age, counted from the start of the ended period: an event accepted
    /// late during some period is then always seen by that period's own cycle invoice.
    /// </summary>
    private async Task<InvoiceDraft> CycleAsync(Subscription subscription, long index, bool markInvoiced, ProjectedLedger ledger, CancellationToken cancellationToken)
    {
        var ended = subscription.Schedule.PeriodAt(index);
        var endedUsage = await ReadEndedAsync(subscription.CustomerId, new UsagePartition(subscription.Id, ended), markInvoiced, ledger, cancellationToken).ConfigureAwait(false);
        var late = new List<PeriodUsage>();
        for (var k = index - 1; k >= 0 && subscription.Schedule.PeriodAt(k).End > ended.Start - ingestion.MaxEventAge; k--)
        {
            var partition = new UsagePartition(subscription.Id, subscription.Schedule.PeriodAt(k));
            if (await usage.ReadAsync(partition, cancellationToken).ConfigureAwait(false) is { LateEvents: > 0 } snapshot)
            {
                late.Add(snapshot.ToPeriodUsage(await ledger.ReadAsync(subscription.CustomerId, partition, cancellationToken).ConfigureAwait(false)));
            }
        }

        late.Reverse();
        return Invoicer.Cycle(subscription, endedUsage, late);
    }

    private async Task<PeriodUsage> ReadEndedAsync(string customer, UsagePartition partition, bool markInvoiced, ProjectedLedger ledger, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await usage.ReadAsync(partition, cancellationToken).ConfigureAwait(false);
            if (markInvoiced && snapshot is { InvoicedAt: null } && !await usage.TryMarkInvoicedAsync(snapshot, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                continue; // events committed since the read: read again, so the invoice has them
            }

            var billedByPrice = await ledger.ReadAsync(customer, partition, cancellationToken).ConfigureAwait(false);
            return snapshot?.ToPeriodUsage(billedByPrice) ?? new PeriodUsage(partition.Period, new Dictionary<string, decimal>(), billedByPrice);
        }
    }

    private Invoice ToRecord(string id, InvoiceDraft draft) => new(
        id,
        draft.CustomerId,
        draft.SubscriptionId,
        draft.Reason,
        draft.Period.Start.ToUnixTimeSeconds(),
        draft.Period.End.ToUnixTimeSeconds(),
        draft.Currency.Code,
        BilledLines(draft),
        InvoiceStatus.Draft,
        RunStep.Built,
        StripeInvoiceId: null,
        PaymentAttempts: 0,
        LastPaymentError: null,
        LastPaymentAttemptAt: null,
        CreatedAt: time.GetUtcNow(),
        Version: null);

    private static BilledLine[] BilledLines(InvoiceDraft draft) =>
    [
        .. draft.Lines.Select(l => new BilledLine(
            l.PriceId,
            l.MeterId,
            l.Quantity,
            l.AmountMinor,
            l.Period.Start.ToUnixTimeSeconds(),
            l.Period.End.ToUnixTimeSeconds(),
            l.Cumulative.Quantity,
            l.Cumulative.AmountMinor)),
    ];
}

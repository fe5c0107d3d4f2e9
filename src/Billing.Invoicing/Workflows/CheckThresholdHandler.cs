using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Periods;
using Billing.Domain.Subscriptions;
using Billing.Domain.Ports;
using Billing.Domain.Usage;
using Billing.Invoicing.SpendCaps;
using Billing.Invoicing.Alerts;

namespace Billing.Invoicing.Workflows;

/// <summary>
/// The CheckThreshold queue function: for each subscription period whose usage changed, compares
/// the unbilled threshold-eligible usage with <c>billing_thresholds.amount_gte</c> and, when it is
/// reached, requests a threshold invoice run. Only the business clock's current period is checked
/// (<see cref="ThresholdPolicy.Covers"/>): a check for a period that has ended since it was sent
/// is left to that period's cycle invoice, as are periods already invoiced. The same reading then
/// compares the period's amount with its spend cap (<see cref="SpendCapCheck"/>) and judges the
/// subscription's alert rules (<see cref="AlertEvaluator"/>), so ended periods fire none. A check
/// that an earlier judgment on this instance already covers (<see cref="JudgedPartitions"/>) reads nothing.
/// </summary>
public sealed partial class CheckThresholdHandler
{
    private readonly BillingCatalog catalog;
    private readonly IUsageLedger usage;
    private readonly IBilledToDateLedger billed;
    private readonly IInvoiceRunQueue queues;
    private readonly AlertEvaluator alerts;
    private readonly TimeProvider time;
    private readonly SpendCapCheck spendCaps;
    private readonly JudgedPartitions judged;
    private readonly ILogger<CheckThresholdHandler> logger;

    public CheckThresholdHandler(
        BillingCatalog catalog,
        IUsageLedger usage,
        IBilledToDateLedger billed,
        IInvoiceRunQueue queues,
        SpendCapCheck spendCaps,
        AlertEvaluator alerts,
        JudgedPartitions judged,
        TimeProvider time,
        ILogger<CheckThresholdHandler> logger)
    {
        this.judged = judged;
        this.spendCaps = spendCaps;
        this.alerts = alerts;
        this.time = time;
        this.catalog = catalog;
        this.usage = usage;
        this.billed = billed;
        this.queues = queues;
        this.logger = logger;
    }

    /// <returns>The number of threshold runs requested.</returns>
    public async Task<int> HandleAsync(IReadOnlyList<ThresholdCheck> checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var requested = 0;
        var covered = 0;
        foreach (var check in checks)
        {
            if (catalog.FindSubscription(check.Subscription) is not { } subscription
                || subscription.Schedule.PeriodContaining(DateTimeOffset.FromUnixTimeSeconds(check.PeriodStart)) is not { } period
                || period.Start.ToUnixTimeSeconds() != check.PeriodStart)
            {
                LogUnknown(check.Subscription, check.PeriodStart);
                continue;
            }

            if (!ThresholdPolicy.Covers(period, time.GetUtcNow()))
            {
                LogEnded(subscription.Id, check.PeriodStart);
                continue;
            }

            if (judged.Covers(check))
            {
                covered++;
                continue;
            }

            var partition = new UsagePartition(subscription.Id, period);
            if (await usage.ReadAsync(partition, cancellationToken).ConfigureAwait(false) is not { } snapshot)
            {
                continue;
            }

            if (await JudgeAsync(subscription, period, snapshot, cancellationToken).ConfigureAwait(false))
            {
                requested++;
            }

            judged.Record(subscription.Id, check.PeriodStart, snapshot.CommittedEvents);
        }

        if (covered > 0)
        {
            LogCovered(covered, checks.Count);
        }

        return requested;
    }

    /// <summary>The cap, the threshold and the alert rules against one state of the period.</summary>
    /// <returns>True when a threshold run was requested.</returns>
    private async Task<bool> JudgeAsync(Subscription subscription, BillingPeriod period, UsageSnapshot snapshot, CancellationToken cancellationToken)
    {
        await spendCaps.CheckAsync(subscription, period, snapshot, cancellationToken).ConfigureAwait(false);
        if (snapshot.InvoicedAt is not null)
        {
            return false;
        }

        var billedByPrice = await billed.ReadAsync(subscription.CustomerId, snapshot.Partition, cancellationToken).ConfigureAwait(false);
        var current = snapshot.ToPeriodUsage(billedByPrice);
        var unbilled = Invoicer.UnbilledEligibleMinor(subscription, current);
        var reached = ThresholdPolicy.IsReached(subscription.ThresholdAmountGte, unbilled);
        if (reached)
        {
            await queues.EnqueueInvoiceRunAsync(new InvoiceRunRequest(subscription.Id, period.Start.ToUnixTimeSeconds(), "subscription_threshold"), cancellationToken)
                .ConfigureAwait(false);
            LogReached(subscription.Id, unbilled, subscription.ThresholdAmountGte);
        }

        // A failure fails the message; its retry requests the threshold run again (a repeat
        // finds nothing to bill) and judges the rules again (a fired rule's event is one fact).
        await alerts.EvaluateAsync(subscription, snapshot, current, cancellationToken).ConfigureAwait(false);
        return reached;
    }

    [LoggerMessage(EventId = 313, Level = LogLevel.Debug, Message = "{Covered} of {Checks} threshold checks were covered by an earlier judgment of a later state: nothing read for them")]
    private partial void LogCovered(int covered, int checks);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Threshold reached for {Subscription}: {Unbilled} ≥ {AmountGte} minor units; threshold run requested")]
    private partial void LogReached(string subscription, long unbilled, long amountGte);

    [LoggerMessage(EventId = 312, Level = LogLevel.Debug, Message = "Threshold check for {Subscription}@{PeriodStart}: the period has ended; its cycle invoice bills the rest")]
    private partial void LogEnded(string subscription, long periodStart);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Threshold check for an unknown subscription period {Subscription}@{PeriodStart}: ignored")]
    private partial void LogUnknown(string subscription, long periodStart);
}

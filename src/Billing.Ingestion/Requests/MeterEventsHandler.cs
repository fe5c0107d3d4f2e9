using Billing.Domain.Catalog;
using Billing.Domain.Ports;
using Billing.Domain.SpendCaps;
using Billing.Domain.Usage;
using Billing.Ingestion.Parsing;

namespace Billing.Ingestion.Requests;

/// <summary>
/// <c>POST /api/meter_events</c>: the events of one request (one event, a JSON array, or NDJSON,
/// at most <see cref="IngestionOptions.MaxRequestEvents"/> events and <see cref="IngestionOptions.MaxRequestBytes"/>
/// bytes, read and parsed at the HTTP edge). Validation is synchronous: the answer says, per
/// event, accepted, duplicate or rejected, and for each subscription period the request touched
/// its amount after the commit against its spend cap, so a product gates new work on the answer
/// it already has (docs/contracts.md §9).
/// </summary>
public sealed class MeterEventsHandler
{
    private readonly UsageIngestor ingestor;
    private readonly IThresholdCheckQueue queues;
    private readonly BillingCatalog catalog;
    private readonly ISpendCaps caps;
    private readonly IUsageLedger usage;
    private readonly TimeProvider time;

    public MeterEventsHandler(UsageIngestor ingestor, IThresholdCheckQueue queues, BillingCatalog catalog, ISpendCaps caps, IUsageLedger usage, TimeProvider time)
    {
        this.queues = queues;
        this.time = time;
        this.ingestor = ingestor;
        this.catalog = catalog;
        this.caps = caps;
        this.usage = usage;
    }

    /// <param name="events">The request's events, parsed and limited at the HTTP edge (the MeterEvents function).</param>
    public async Task<MeterEventsResponse> HandleAsync(IReadOnlyList<RawEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var (results, summary, periods) = await ingestor.IngestBatchAsync(events, cancellationToken).ConfigureAwait(false);
        await queues.EnqueueThresholdChecksAsync(ThresholdChecks.For(summary, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new MeterEventsResponse(
            summary.Accepted,
            summary.Duplicates,
            summary.Rejected,
            results.Select(MeterEventResult.From).ToArray(),
            await SpendAsync(periods, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Each touched period's amount and cap state. The amount is from the aggregates the commit
    /// left (no storage read in the usual case: the usage store hands them back); the cap from the
    /// spend caps' short cache.
    /// </summary>
    private async Task<IReadOnlyList<MeterEventsSubscription>> SpendAsync(
        IReadOnlyList<(UsagePartition Partition, UsageSnapshot? After)> periods,
        CancellationToken cancellationToken)
    {
        var spend = new List<MeterEventsSubscription>(periods.Count);
        foreach (var (partition, after) in periods
            .OrderBy(p => p.Partition.SubscriptionId, StringComparer.Ordinal)
            .ThenBy(p => p.Partition.Period.Start))
        {
            var subscription = catalog.FindSubscription(partition.SubscriptionId)
                ?? throw new InvalidOperationException($"Usage was committed to {partition.SubscriptionId}, which the catalog does not have.");
            var snapshot = after ?? await usage.ReadAsync(partition, cancellationToken).ConfigureAwait(false);
            var cap = await caps.CapOfAsync(subscription, cancellationToken).ConfigureAwait(false);
            spend.Add(MeterEventsSubscription.From(SpendCapStatus.Of(subscription, partition.Period, snapshot, cap)));
        }

        return spend;
    }
}

using Billing.Domain.Usage;
using Billing.Ingestion.Parsing;
using Billing.Ingestion.Validation;
using Billing.Domain.Ports;

namespace Billing.Ingestion;

/// <summary>
/// The one ingestion core behind the blob function and the meter-events API: validate, group by
/// (subscription, period), and commit each group exactly once through <see cref="UsageStore"/>.
/// </summary>
public sealed class UsageIngestor
{
    private readonly Dependencies dependencies;
    private readonly IUsageLedger store;
    private readonly EventValidator validator;
    private readonly TimeProvider time;

    public UsageIngestor(IUsageLedger store, EventValidator validator, IngestionOptions options, TimeProvider time)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.validator = validator ?? throw new ArgumentNullException(nameof(validator));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        ArgumentNullException.ThrowIfNull(options);
        dependencies = new Dependencies(store, validator, options, time, new SemaphoreSlim(options.MaxChunksInFlight, options.MaxChunksInFlight));
    }

    /// <summary>
    /// Ingests a request's events and returns each one's result, in order, and each partition the
    /// request touched with its aggregates after the commit (null when the ledger did not give them).
    /// </summary>
    public async Task<(IReadOnlyList<EventResult> Results, IngestionSummary Summary, IReadOnlyList<(UsagePartition Partition, UsageSnapshot? After)> Periods)> IngestBatchAsync(
        IReadOnlyList<RawEvent> events,
        CancellationToken cancellationToken)
    {
        var results = new EventResult[events.Count];
        var chunk = new UsageChunk();
        var now = time.GetUtcNow();
        for (var i = 0; i < events.Count; i++)
        {
            if (validator.TryValidate(events[i], now, out var valid, out var rejection))
            {
                chunk.Add(valid, i);
                results[i] = new EventResult(i, valid.Identifier, EventStatus.Accepted);
            }
            else
            {
                results[i] = new EventResult(i, events[i].Identifier, EventStatus.Rejected, rejection);
            }
        }

        var committed = await CommitAsync(chunk, cancellationToken).ConfigureAwait(false);
        foreach (var (group, outcome) in committed.Outcomes)
        {
            for (var r = 0; r < group.Indexes.Count; r++)
            {
                var index = group.Indexes[r];
                results[index] = outcome.IsDuplicate[r]
                    ? results[index] with { Status = EventStatus.Duplicate }
                    : results[index] with { Late = outcome.Late };
            }
        }

        var rejected = events.Count - chunk.Count;
        var periods = committed.Touched.Zip(committed.Outcomes, (partition, o) => (partition, o.Outcome.After)).ToArray();
        var touched = periods.ToDictionary(p => p.partition, p => p.After?.CommittedEvents);
        return (results, new IngestionSummary(events.Count, committed.Accepted, committed.Duplicates, rejected, committed.Late, touched), periods);
    }

    /// <summary>
    /// Ingests a stream of events of any length in bounded memory: events are validated and
    /// grouped in chunks of <see cref="IngestionOptions.ChunkEvents"/>, and one chunk is committed
    /// while the next is read. Rejected events go to <paramref name="onRejected"/> in order.
    /// </summary>
    public Task<IngestionSummary> IngestStreamAsync(
        IEnumerable<RawEvent> events,
        Action<RawEvent, Rejection> onRejected,
        IProgress<IngestionProgress>? progress,
        CancellationToken cancellationToken) =>
        new StreamIngestion(dependencies, onRejected, progress).RunAsync(events, cancellationToken);

    private async Task<Committed> CommitAsync(UsageChunk chunk, CancellationToken cancellationToken)
    {
        var groups = chunk.Partitions.ToArray();
        var outcomes = await store.CommitAsync(
            groups.Select(g => new PartitionBatch(g.Key, g.Value.Records)).ToArray(),
            cancellationToken).ConfigureAwait(false);

        long accepted = 0, duplicates = 0, late = 0;
        foreach (var outcome in outcomes)
        {
            accepted += outcome.Accepted;
            duplicates += outcome.Duplicates;
            late += outcome.Late ? outcome.Accepted : 0;
        }

        return new Committed(
            groups.Select((g, i) => (g.Value, outcomes[i])).ToArray(),
            accepted,
            duplicates,
            late,
            groups.Select(g => g.Key).ToArray());
    }

    private sealed record Committed(
        (UsageChunk.Group Group, CommitOutcome Outcome)[] Outcomes,
        long Accepted,
        long Duplicates,
        long Late,
        IReadOnlyCollection<UsagePartition> Touched);

    /// <summary>What a stream run needs; <see cref="ChunkSlots"/> is shared by all runs of this ingestor.</summary>
    internal sealed record Dependencies(IUsageLedger Store, EventValidator Validator, IngestionOptions Options, TimeProvider Time, SemaphoreSlim ChunkSlots);
}

using System.Threading.Channels;
using Billing.Ingestion.Parsing;
using Billing.Ingestion.Validation;
using Billing.Storage.Usage;

namespace Billing.Ingestion;

/// <summary>
/// The one ingestion core behind the blob function and the meter-events API: validate, group by
/// (subscription, period), and commit each group exactly once through <see cref="UsageStore"/>.
/// </summary>
public sealed class UsageIngestor
{
    private readonly UsageStore store;
    private readonly EventValidator validator;
    private readonly IngestionOptions options;
    private readonly TimeProvider time;

    public UsageIngestor(UsageStore store, EventValidator validator, IngestionOptions options, TimeProvider time)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.validator = validator ?? throw new ArgumentNullException(nameof(validator));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Ingests a request's events and returns each one's result, in order.</summary>
    /// <param name="commitId">Unique per request; identifies its writes if a commit must be retried.</param>
    public async Task<(IReadOnlyList<EventResult> Results, IngestionSummary Summary)> IngestBatchAsync(
        IReadOnlyList<RawEvent> events,
        string commitId,
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

        var committed = await CommitAsync(chunk, commitId, cancellationToken).ConfigureAwait(false);
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
        return (results, new IngestionSummary(events.Count, committed.Accepted, committed.Duplicates, rejected, committed.Late, committed.Touched));
    }

    /// <summary>
    /// Ingests a stream of events of any length in bounded memory: events are validated and
    /// grouped in chunks of <see cref="IngestionOptions.ChunkEvents"/>, and one chunk is committed
    /// while the next is read. Rejected events go to <paramref name="onRejected"/> in order.
    /// </summary>
    /// <param name="commitId">Stable for one version of one source (e.g. blob name and ETag).</param>
    public async Task<IngestionSummary> IngestStreamAsync(
        IEnumerable<RawEvent> events,
        string commitId,
        Action<RawEvent, Rejection> onRejected,
        IProgress<IngestionProgress>? progress,
        CancellationToken cancellationToken)
    {
        var chunks = Channel.CreateBounded<UsageChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        long total = 0, rejected = 0;

        // If committing fails, the reader must stop too rather than wait forever on a full channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = stop.Token;
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var chunk = new UsageChunk();
                    var now = time.GetUtcNow();
                    foreach (var raw in events)
                    {
                        reading.ThrowIfCancellationRequested();
                        total++;
                        if (validator.TryValidate(raw, now, out var valid, out var rejection))
                        {
                            chunk.Add(valid, chunk.Count);
                            if (chunk.Count >= options.ChunkEvents)
                            {
                                await chunks.Writer.WriteAsync(chunk, reading).ConfigureAwait(false);
                                chunk = new UsageChunk();
                                now = time.GetUtcNow();
                            }
                        }
                        else
                        {
                            rejected++;
                            onRejected(raw, rejection);
                        }
                    }

                    if (chunk.Count > 0)
                    {
                        await chunks.Writer.WriteAsync(chunk, reading).ConfigureAwait(false);
                    }

                    chunks.Writer.Complete();
                }
                catch (Exception e)
                {
                    chunks.Writer.Complete(e);
                    throw;
                }
            },
            reading);

        long accepted = 0, duplicates = 0, late = 0;
        var touched = new HashSet<UsagePartition>();
        var number = 0;
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var committed = await CommitAsync(chunk, $"{commitId}#{number++}", cancellationToken).ConfigureAwait(false);
                accepted += committed.Accepted;
                duplicates += committed.Duplicates;
                late += committed.Late;
                touched.UnionWith(committed.Touched);
                progress?.Report(new IngestionProgress(Interlocked.Read(ref total), accepted, duplicates, Interlocked.Read(ref rejected)));
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // The reader stopped because committing failed; that failure is the one to report.
            }

            throw;
        }

        await producer.ConfigureAwait(false);
        return new IngestionSummary(total, accepted, duplicates, rejected, late, touched);
    }

    private async Task<Committed> CommitAsync(UsageChunk chunk, string commitId, CancellationToken cancellationToken)
    {
        var groups = chunk.Partitions.ToArray();
        var outcomes = await store.CommitAsync(
            groups.Select(g => new PartitionBatch(g.Key, g.Value.Records)).ToArray(),
            commitId,
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
}

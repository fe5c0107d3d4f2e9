using System.Threading.Channels;
using Billing.Domain.Usage;
using Billing.Ingestion.Parsing;
using Billing.Ingestion.Validation;

namespace Billing.Ingestion;

/// <summary>
/// One run over a stream of events: a reader validates and groups events into chunks while the
/// previous chunk is committed. Every chunk holds one of the ingestor's chunk slots from the
/// moment it is started until it is committed, so the events buffered by all concurrent runs
/// together stay bounded, whatever the size or number of files.
/// </summary>
internal sealed class StreamIngestion(
    UsageIngestor.Dependencies dependencies,
    Action<RawEvent, Rejection> onRejected,
    IProgress<IngestionProgress>? progress)
{
    private readonly Channel<UsageChunk> chunks = Channel.CreateBounded<UsageChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
    private readonly Dictionary<UsagePartition, long?> touched = [];
    private long total;
    private long rejected;
    private long accepted;
    private long duplicates;
    private long late;

    public async Task<IngestionSummary> RunAsync(IEnumerable<RawEvent> events, CancellationToken cancellationToken)
    {
        // If committing fails, the reader must stop too rather than wait on a full channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => ReadAsync(events, stop.Token), stop.Token);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await CommitAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    dependencies.ChunkSlots.Release();
                }
            }

            await reader.ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // The reader stopped because committing failed; that failure is the one to report.
            }

            while (chunks.Reader.TryRead(out _))
            {
                dependencies.ChunkSlots.Release();
            }

            throw;
        }

        return new IngestionSummary(total, accepted, duplicates, rejected, late, touched);
    }

    private async Task ReadAsync(IEnumerable<RawEvent> events, CancellationToken cancellationToken)
    {
        UsageChunk? chunk = null;
        try
        {
            var now = dependencies.Time.GetUtcNow();
            foreach (var raw in events)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Increment(ref total);
                if (!dependencies.Validator.TryValidate(raw, now, out var valid, out var rejection))
                {
                    Interlocked.Increment(ref rejected);
                    onRejected(raw, rejection);
                    continue;
                }

                if (chunk is null)
                {
                    await dependencies.ChunkSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    chunk = new UsageChunk(trackIndexes: false);
                    now = dependencies.Time.GetUtcNow();
                }

                chunk.Add(valid, chunk.Count);
                if (chunk.Count >= dependencies.Options.ChunkEvents)
                {
                    await chunks.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                    chunk = null;
                }
            }

            if (chunk is not null)
            {
                await chunks.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                chunk = null;
            }

            chunks.Writer.Complete();
        }
        catch (Exception e)
        {
            if (chunk is not null)
            {
                dependencies.ChunkSlots.Release(); // started but never handed over
            }

            chunks.Writer.Complete(e);
            throw;
        }
    }

    private async Task CommitAsync(UsageChunk chunk, CancellationToken cancellationToken)
    {
        var groups = chunk.Partitions.ToArray();
        var outcomes = await dependencies.Store.CommitAsync(
            groups.Select(g => new PartitionBatch(g.Key, g.Value.Records)).ToArray(),
            cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < outcomes.Count; i++)
        {
            accepted += outcomes[i].Accepted;
            duplicates += outcomes[i].Duplicates;
            late += outcomes[i].Late ? outcomes[i].Accepted : 0;
            // Chunks commit one after another, so the last state is the latest.
            touched[groups[i].Key] = outcomes[i].After?.CommittedEvents;
        }

        progress?.Report(new IngestionProgress(Interlocked.Read(ref total), accepted, duplicates, Interlocked.Read(ref rejected)));
    }
}

using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Ports;
using Billing.Domain.Usage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.Storage.Usage;

/// <summary>
/// Exactly-once usage aggregation on Table Storage. A commit of a partition writes its head (all
/// aggregates, guarded by the head's ETag) and one new chunk row with the dedup keys it adds, in
/// one entity-group transaction; commits of partitions that share a shard ride in the same
/// transaction (up to <see cref="MaxPartitionsPerTransaction"/>), and concurrent callers' commits
/// to a shard are merged by its single writer (<see cref="ShardWriter"/>), which is what makes
/// bulk ingestion cheap. A writer that loses a race with another process re-reads, re-filters
/// duplicates and tries again, so an event counts once however many instances, retries or
/// crashes there are. Memory per cached partition is bounded by the options, not by the number of
/// events in its period: past <see cref="UsageStoreOptions.SmallPartitionKeys"/> keys a partition's
/// keys move into an index in the table (docs/storage.md, "Large partitions").
/// </summary>
public sealed class UsageStore : IUsageLedger
{
    /// <summary>Two rows per partition, within the 100 operations of one transaction.</summary>
    public const int MaxPartitionsPerTransaction = 49;

    private readonly TableClient table;
    private readonly StoreContext context;
    private readonly ConcurrentDictionary<string, ShardWriter> writers = new(StringComparer.Ordinal);

    public UsageStore(TableServiceClient tables, StorageNames names, UsageStoreOptions options, ILogger<UsageStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        table = tables.GetTableClient(names.UsageTable);
        context = new StoreContext(table, options, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>What the store has done and holds so far.</summary>
    public UsageStoreStatistics Statistics => context.Counters.Snapshot(context.Budget);

    /// <summary>Called at each step of a compaction; tests throw from it to play a crash.</summary>
    internal Action<CompactionStep>? CompactionProbe
    {
        get => context.CompactionProbe;
        set => context.CompactionProbe = value;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Commits one partition's records; see <see cref="CommitAsync(IReadOnlyList{PartitionBatch}, CancellationToken)"/>.</summary>
    public async Task<CommitOutcome> CommitAsync(UsagePartition partition, IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken) =>
        (await CommitAsync([new PartitionBatch(partition, records)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Counts each record whose key its partition has not seen and marks the rest duplicates (the
    /// first of equal keys wins, in the order given and then in arrival order across callers).
    /// Returns one outcome per batch, in order. On cancellation, batches not yet taken by their
    /// shard's writer are dropped and those being written are waited for, so that when this
    /// throws <see cref="OperationCanceledException"/> nothing more of the call will be written.
    /// </summary>
    public async Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<PartitionBatch> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Select(b => b.Partition).Distinct().Count() != batches.Count)
        {
            throw new ArgumentException("Each partition may appear once per commit.", nameof(batches));
        }

        var outcomes = batches
            .Select(b => writers.GetOrAdd(UsageKeys.Shard(b.Partition), shard => new ShardWriter(shard, context))
                .EnqueueAsync(b, cancellationToken))
            .ToArray();
        return await Task.WhenAll(outcomes).ConfigureAwait(false);
    }

    /// <summary>Reads a partition's aggregates (head only, no dedup keys); null when nothing was committed.</summary>
    public async Task<UsageSnapshot?> ReadAsync(UsagePartition partition, CancellationToken cancellationToken)
    {
        var head = await table.GetEntityIfExistsAsync<TableEntity>(UsageKeys.Shard(partition), UsageKeys.Head(partition), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return head.HasValue && head.Value is { } entity ? UsageSnapshots.From(partition, entity) : null;
    }

    /// <summary>
    /// Marks a partition's period as invoiced, provided nothing was committed since
    /// <paramref name="snapshot"/> was read: events committed afterwards count as late usage. Returns
    /// false when the ETag no longer matches (re-read and invoice again; a compaction of a large
    /// partition's index moves the ETag too, without changing its usage). A cached copy of the head
    /// elsewhere fails its next commit on the changed ETag, re-reads, and so sees the mark.
    /// </summary>
    public async Task<bool> TryMarkInvoicedAsync(UsageSnapshot snapshot, DateTimeOffset invoicedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var partition = snapshot.Partition;
        var head = new TableEntity(UsageKeys.Shard(partition), UsageKeys.Head(partition)) { ["InvoicedAt"] = invoicedAt };
        try
        {
            await table.UpdateEntityAsync(head, new ETag(snapshot.Version), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }
}

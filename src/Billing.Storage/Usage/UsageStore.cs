using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// Exactly-once usage aggregation on Table Storage. A commit of a partition writes its head (all
/// aggregates, guarded by the head's ETag) and one new chunk row with the dedup keys it adds, in
/// one entity-group transaction; commits of partitions that share a shard ride in the same
/// transaction (up to <see cref="MaxPartitionsPerTransaction"/>), which is what makes bulk
/// ingestion cheap. A writer that loses a race re-reads, re-filters duplicates and tries again,
/// so an event counts once however many instances, retries or crashes there are.
/// </summary>
public sealed class UsageStore
{
    /// <summary>Two rows per partition, within the 100 operations of one transaction.</summary>
    public const int MaxPartitionsPerTransaction = 49;

    private const int ShardQueryThreshold = 4;

    private readonly TableClient table;
    private readonly UsageStoreOptions options;
    private readonly ConcurrentDictionary<string, CacheEntry> cache = new(StringComparer.Ordinal);
    private long cachedKeys;
    private long clock;

    public UsageStore(TableServiceClient tables, StorageNames names, UsageStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        table = tables.GetTableClient(names.UsageTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Commits one partition's records; see <see cref="CommitAsync(IReadOnlyList{PartitionBatch}, string, CancellationToken)"/>.</summary>
    public async Task<CommitOutcome> CommitAsync(
        UsagePartition partition,
        IReadOnlyList<UsageRecord> records,
        string commitId,
        CancellationToken cancellationToken) =>
        (await CommitAsync([new PartitionBatch(partition, records)], commitId, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Counts each record whose key its partition has not seen and marks the rest duplicates (the
    /// first of equal keys wins). Returns one outcome per batch, in order.
    /// </summary>
    /// <param name="commitId">Unique per call (e.g. blob name, ETag and chunk number); lets a retry recognise its own earlier write.</param>
    public async Task<IReadOnlyList<CommitOutcome>> CommitAsync(
        IReadOnlyList<PartitionBatch> batches,
        string commitId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentException.ThrowIfNullOrEmpty(commitId);
        var work = batches.Select(b => new PartitionWork(b, cache.GetOrAdd(b.Partition.PartitionKey, _ => new CacheEntry()))).ToArray();
        if (work.Select(w => w.Key).Distinct(StringComparer.Ordinal).Count() != work.Length)
        {
            throw new ArgumentException("Each partition may appear once per commit.", nameof(batches));
        }

        var shards = work.GroupBy(w => UsageKeys.Shard(w.Batch.Partition), StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            shards,
            new ParallelOptions { MaxDegreeOfParallelism = options.CommitParallelism, CancellationToken = cancellationToken },
            (shard, ct) => new ValueTask(CommitShardAsync(shard.Key, [.. shard.OrderBy(w => w.Key, StringComparer.Ordinal)], commitId, ct)))
            .ConfigureAwait(false);
        TrimCache();
        return work.Select(w => new CommitOutcome(w.IsDuplicate, w.Accepted, w.Late)).ToArray();
    }

    /// <summary>Reads a partition's aggregates (head only, no dedup keys); null when nothing was committed.</summary>
    public async Task<UsageSnapshot?> ReadAsync(UsagePartition partition, CancellationToken cancellationToken)
    {
        var head = await table.GetEntityIfExistsAsync<TableEntity>(UsageKeys.Shard(partition), UsageKeys.Head(partition), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return head.HasValue && head.Value is { } entity ? UsageSnapshot.From(partition, entity) : null;
    }

    /// <summary>
    /// Marks a partition's period as invoiced, provided nothing was committed since
    /// <paramref name="snapshot"/> was read: events committed afterwards count as late usage. Returns
    /// false when the ETag no longer matches (re-read and invoice again). A cached copy of the head
    /// elsewhere fails its next commit on the changed ETag, re-reads, and so sees the mark.
    /// </summary>
    public async Task<bool> TryMarkInvoicedAsync(UsageSnapshot snapshot, DateTimeOffset invoicedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var partition = snapshot.Partition;
        var head = new TableEntity(UsageKeys.Shard(partition), UsageKeys.Head(partition)) { ["InvoicedAt"] = invoicedAt };
        try
        {
            await table.UpdateEntityAsync(head, snapshot.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    // Holds the gates of every partition of the shard (taken in key order, so concurrent commits
    // cannot deadlock) while it writes as few transactions as the limits allow.
    private async Task CommitShardAsync(string shard, PartitionWork[] work, string commitId, CancellationToken cancellationToken)
    {
        var held = 0;
        try
        {
            foreach (var item in work)
            {
                await item.Entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                held++;
                item.Entry.LastUsed = Interlocked.Increment(ref clock);
            }

            await LoadAsync(shard, work, cancellationToken).ConfigureAwait(false);
            var pending = work.ToList();
            while (pending.Count > 0)
            {
                var planned = new List<PlannedWrite>();
                var budget = options.MaxKeysPerTransaction;
                foreach (var item in pending)
                {
                    if (planned.Count == MaxPartitionsPerTransaction || budget <= 0)
                    {
                        break;
                    }

                    var plan = CommitPlan.Make(item.Entry.State!, item.Batch.Records, item.Start, item.IsDuplicate, budget);
                    if (plan.NewKeys.Count == 0)
                    {
                        item.Start = plan.Next; // only duplicates: nothing to write
                        continue;
                    }

                    budget -= plan.KeysUsed;
                    planned.Add(new PlannedWrite(item, plan, $"{commitId}|{item.Key}#{item.Part}"));
                }

                if (planned.Count > 0)
                {
                    await WriteAsync(shard, planned, cancellationToken).ConfigureAwait(false);
                }

                pending.RemoveAll(w => w.Done);
            }
        }
        finally
        {
            for (var i = 0; i < held; i++)
            {
                work[i].Entry.Gate.Release();
            }
        }
    }

    private async Task WriteAsync(string shard, List<PlannedWrite> planned, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(planned.Count * 2);
        foreach (var (item, plan, partId) in planned)
        {
            var state = item.Entry.State!;
            var partition = item.Batch.Partition;
            var head = state.NextHead(shard, partition, plan);
            actions.Add(state.ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, head));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, state.NextChunkRow(shard, partition, plan, partId)));
        }

        try
        {
            var responses = (await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false)).Value;
            for (var i = 0; i < planned.Count; i++)
            {
                var (item, plan, _) = planned[i];
                var etag = responses[2 * i].Headers.ETag ?? throw new InvalidOperationException("A table transaction returned no ETag for a head.");
                item.Entry.State!.Apply(etag, plan);
                Interlocked.Add(ref cachedKeys, plan.NewKeys.Count);
                item.Completed(plan);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another writer changed one of these partitions, or an earlier attempt of this very
            // transaction was written although its answer was lost. Re-read them all: chunks that
            // carry our part ids mean the latter, and the plans stand; otherwise plan again.
            foreach (var (item, _, _) in planned)
            {
                Forget(item.Entry);
            }

            await LoadAsync(shard, planned.Select(p => p.Work).ToArray(), cancellationToken).ConfigureAwait(false);
            foreach (var (item, plan, partId) in planned)
            {
                if (item.Entry.State!.CommitIds.Contains(partId))
                {
                    item.Completed(plan);
                }
            }
        }
        catch
        {
            // Cancelled or failed without an answer: the transaction may or may not have been
            // applied, so what we cached is no longer known to be current. Read it again next time.
            foreach (var (item, _, _) in planned)
            {
                Forget(item.Entry);
            }

            throw;
        }
    }

    /// <summary>Reads the state of every partition in <paramref name="work"/> that is not cached.</summary>
    private async Task LoadAsync(string shard, IReadOnlyList<PartitionWork> work, CancellationToken cancellationToken)
    {
        var missing = work.Where(w => w.Entry.State is null).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var heads = await ReadHeadsAsync(shard, missing, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            missing,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var head = heads.GetValueOrDefault(UsageKeys.Head(item.Batch.Partition));
                var chunks = new List<TableEntity>();
                if (head?.GetInt64("NextChunk") is > 0)
                {
                    var (from, to) = UsageKeys.Chunks(item.Batch.Partition, 0);
                    var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {from} and RowKey lt {to}");
                    await foreach (var chunk in table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
                    {
                        chunks.Add(chunk);
                    }
                }

                var state = PartitionState.Load(head, chunks);
                item.Entry.State = state;
                Interlocked.Add(ref cachedKeys, state.Seen.Count);
            }).ConfigureAwait(false);
    }

    // One query for all heads of the shard when several are needed (a cold start), point reads otherwise.
    private async Task<Dictionary<string, TableEntity>> ReadHeadsAsync(string shard, PartitionWork[] missing, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        if (missing.Length >= ShardQueryThreshold)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {"h|"} and RowKey lt {"h}"}");
            await foreach (var head in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                heads[head.RowKey] = head;
            }

            return heads;
        }

        foreach (var item in missing)
        {
            var rowKey = UsageKeys.Head(item.Batch.Partition);
            var head = await table.GetEntityIfExistsAsync<TableEntity>(shard, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (head.HasValue && head.Value is { } entity)
            {
                heads[rowKey] = entity;
            }
        }

        return heads;
    }

    private void Forget(CacheEntry entry)
    {
        if (entry.State is { } state)
        {
            Interlocked.Add(ref cachedKeys, -state.Seen.Count);
            entry.State = null;
        }
    }

    // Drops the least recently used idle partitions once the cache holds more keys than allowed;
    // they are re-read from the table on their next commit.
    private void TrimCache()
    {
        if (Interlocked.Read(ref cachedKeys) <= options.MaxCachedKeys)
        {
            return;
        }

        foreach (var (_, entry) in cache.OrderBy(e => e.Value.LastUsed).ToArray())
        {
            if (Interlocked.Read(ref cachedKeys) <= options.MaxCachedKeys / 2)
            {
                break;
            }

            if (entry.Gate.Wait(0))
            {
                try
                {
                    Forget(entry);
                }
                finally
                {
                    entry.Gate.Release();
                }
            }
        }
    }

    private sealed class CacheEntry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public PartitionState? State { get; set; }

        public long LastUsed { get; set; }
    }

    /// <summary>One partition's progress through a commit call.</summary>
    private sealed class PartitionWork(PartitionBatch batch, CacheEntry entry)
    {
        public PartitionBatch Batch { get; } = batch;

        public CacheEntry Entry { get; } = entry;

        public string Key { get; } = batch.Partition.PartitionKey;

        public bool[] IsDuplicate { get; } = new bool[batch.Records.Count];

        /// <summary>First record not yet decided.</summary>
        public int Start { get; set; }

        /// <summary>Number of transactions written for this partition so far: part of each chunk's commit id.</summary>
        public int Part { get; private set; }

        public int Accepted { get; private set; }

        public bool Late { get; private set; }

        public bool Done => Start >= Batch.Records.Count;

        public void Completed(CommitPlan plan)
        {
            Start = plan.Next;
            Accepted += plan.NewKeys.Count;
            Late |= plan.Late;
            Part++;
        }
    }

    private readonly record struct PlannedWrite(PartitionWork Work, CommitPlan Plan, string PartId);
}

using Azure;
using Azure.Data.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// The one writer of a shard in this process. Requests queue up while a group is being written;
/// the next group takes them all, merges them per partition and writes them in as few
/// transactions as the limits allow (group commit). Being alone, the writer never races itself:
/// conflicts come only from other processes, and are resolved by re-reading.
/// </summary>
internal sealed class ShardWriter
{
    private const int HeadQueryThreshold = 4;

    private readonly string shard;
    private readonly TableClient table;
    private readonly UsageStoreOptions options;
    private readonly CacheBudget budget;
    private readonly SemaphoreSlim inFlight;
    private readonly Dictionary<string, CachedPartition> cache = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private List<PendingCommit> queue = [];
    private bool draining;
    private long clock;

    /// <param name="inFlight">Shared by all shards: bounds the transactions in flight at once.</param>
    public ShardWriter(string shard, TableClient table, UsageStoreOptions options, CacheBudget budget, SemaphoreSlim inFlight)
    {
        this.inFlight = inFlight;
        this.shard = shard;
        this.table = table;
        this.options = options;
        this.budget = budget;
    }

    public Task<CommitOutcome> EnqueueAsync(PartitionBatch batch, CancellationToken cancellationToken)
    {
        var pending = new PendingCommit(batch, cancellationToken);
        lock (gate)
        {
            queue.Add(pending);
            if (!draining)
            {
                draining = true;
                _ = Task.Run(DrainAsync);
            }
        }

        return pending.Completion.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<PendingCommit> group;
            lock (gate)
            {
                if (queue.Count == 0)
                {
                    draining = false;
                    return;
                }

                group = queue;
                queue = [];
            }

            // A caller that gave up before its batch was taken: drop it, so that once the caller's
            // wait ends nothing more of its is written.
            foreach (var dropped in group.Where(p => p.CancellationToken.IsCancellationRequested))
            {
                dropped.Completion.TrySetCanceled(dropped.CancellationToken);
            }

            group.RemoveAll(p => p.CancellationToken.IsCancellationRequested);
            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                // Not cancellable: requests of several callers share this group, and a transaction
                // cut off mid-flight would leave its outcome unknown.
                await WriteGroupAsync(group, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                foreach (var pending in group)
                {
                    pending.Completion.TrySetException(e);
                }
            }
        }
    }

    private async Task WriteGroupAsync(List<PendingCommit> group, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, MergedPartition>(StringComparer.Ordinal);
        foreach (var pending in group)
        {
            var key = pending.Batch.Partition.PartitionKey;
            if (!merged.TryGetValue(key, out var partition))
            {
                merged[key] = partition = new MergedPartition(pending.Batch.Partition, Cached(key));
            }

            partition.Add(pending);
        }

        var partitions = merged.Values.ToArray();
        await LoadAsync(partitions, cancellationToken).ConfigureAwait(false);
        var groupId = Guid.NewGuid().ToString("N");
        var pendingPartitions = partitions.ToList();
        while (pendingPartitions.Count > 0)
        {
            var planned = new List<PlannedWrite>();
            var keyBudget = options.MaxKeysPerTransaction;
            foreach (var partition in pendingPartitions)
            {
                if (planned.Count == UsageStore.MaxPartitionsPerTransaction || keyBudget <= 0)
                {
                    break;
                }

                var plan = CommitPlan.Make(partition.Cached.State!, partition.Records, partition.Start, partition.IsDuplicate, keyBudget);
                if (plan.NewKeys.Count == 0)
                {
                    partition.Skip(plan.Next); // only duplicates: nothing to write
                    continue;
                }

                keyBudget -= plan.KeysUsed;
                planned.Add(new PlannedWrite(partition, plan, $"{groupId}|{partition.Key}#{partition.Part}"));
            }

            if (planned.Count > 0)
            {
                await WriteAsync(planned, cancellationToken).ConfigureAwait(false);
            }

            pendingPartitions.RemoveAll(p => p.Done);
        }

        foreach (var partition in partitions)
        {
            partition.Answer();
        }

        Trim();
    }

    private async Task WriteAsync(List<PlannedWrite> planned, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(planned.Count * 2);
        foreach (var (partition, plan, partId) in planned)
        {
            var state = partition.Cached.State!;
            var head = state.NextHead(shard, partition.Partition, plan);
            actions.Add(state.ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, head));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, state.NextChunkRow(shard, partition.Partition, plan, partId)));
        }

        try
        {
            var responses = await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < planned.Count; i++)
            {
                var (partition, plan, _) = planned[i];
                var etag = responses[2 * i].Headers.ETag ?? throw new InvalidOperationException("A table transaction returned no ETag for a head.");
                partition.Cached.State!.Apply(etag, plan);
                budget.Add(plan.NewKeys.Count);
                partition.Completed(plan);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another process changed one of these partitions, or an earlier attempt of this very
            // transaction was written although its answer was lost. Re-read them all: chunks that
            // carry our part ids mean the latter, and the plans stand; otherwise plan again.
            foreach (var write in planned)
            {
                Forget(write.Partition.Cached);
            }

            await LoadAsync(planned.Select(p => p.Partition).ToArray(), cancellationToken).ConfigureAwait(false);
            foreach (var (partition, plan, partId) in planned)
            {
                if (partition.Cached.State!.CommitIds.Contains(partId))
                {
                    partition.Completed(plan);
                }
            }
        }
        catch
        {
            // Failed without an answer: the transaction may or may not have been applied, so the
            // cached state is no longer known to be current. Read it again next time.
            foreach (var write in planned)
            {
                Forget(write.Partition.Cached);
            }

            throw;
        }
    }

    private async Task<IReadOnlyList<Response>> SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false)).Value;
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>Reads the state of every partition that is not cached.</summary>
    private async Task LoadAsync(IReadOnlyList<MergedPartition> partitions, CancellationToken cancellationToken)
    {
        var missing = partitions.Where(p => p.Cached.State is null).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var heads = await ReadHeadsAsync(missing, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            missing,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var head = heads.GetValueOrDefault(UsageKeys.Head(partition.Partition));
                var chunks = new List<TableEntity>();
                if (head?.GetInt64("NextChunk") is > 0)
                {
                    var (from, to) = UsageKeys.Chunks(partition.Partition, 0);
                    var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {from} and RowKey lt {to}");
                    await foreach (var chunk in table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
                    {
                        chunks.Add(chunk);
                    }
                }

                var state = PartitionState.Load(head, chunks);
                partition.Cached.State = state;
                budget.Add(state.Seen.Count);
            }).ConfigureAwait(false);
    }

    // One query for all heads of the shard when several are needed (a cold start), point reads otherwise.
    private async Task<Dictionary<string, TableEntity>> ReadHeadsAsync(MergedPartition[] missing, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        if (missing.Length >= HeadQueryThreshold)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {"h|"} and RowKey lt {"h}"}");
            await foreach (var head in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                heads[head.RowKey] = head;
            }

            return heads;
        }

        foreach (var partition in missing)
        {
            var rowKey = UsageKeys.Head(partition.Partition);
            var head = await table.GetEntityIfExistsAsync<TableEntity>(shard, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (head.HasValue && head.Value is { } entity)
            {
                heads[rowKey] = entity;
            }
        }

        return heads;
    }

    private CachedPartition Cached(string key)
    {
        if (!cache.TryGetValue(key, out var cached))
        {
            cache[key] = cached = new CachedPartition();
        }

        cached.LastUsed = ++clock;
        return cached;
    }

    private void Forget(CachedPartition cached)
    {
        if (cached.State is { } state)
        {
            budget.Add(-state.Seen.Count);
            cached.State = null;
        }
    }

    // Over budget, drop this shard's least recently used partitions until the whole cache is at
    // half its budget (or this shard has nothing left); they are re-read on their next commit.
    private void Trim()
    {
        if (!budget.IsExceeded)
        {
            return;
        }

        foreach (var (key, cached) in cache.OrderBy(c => c.Value.LastUsed).ToArray())
        {
            if (budget.IsBelowHalf)
            {
                break;
            }

            Forget(cached);
            cache.Remove(key);
        }
    }

    private readonly record struct PlannedWrite(MergedPartition Partition, CommitPlan Plan, string PartId);
}

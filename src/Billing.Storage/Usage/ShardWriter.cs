using Azure;
using Azure.Data.Tables;
using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// The one writer of a shard in this process. Requests queue up while a group is being written;
/// the next group takes them all, merges them per partition and writes them in as few
/// transactions as the limits allow (group commit). Being alone, the writer never races itself:
/// conflicts come only from other processes, and are resolved by re-reading. Before planning, the
/// keys of a large partition that its Bloom filter cannot rule out are looked up in its index
/// (asynchronously, so that planning itself stays synchronous); after writing, a partition whose
/// keys in memory outgrew their limit is compacted into a new index generation.
/// </summary>
internal sealed class ShardWriter
{
    private const int HeadQueryThreshold = 4;

    /// <summary>Re-reads in a row of partitions found stale (compacted elsewhere) before giving up.</summary>
    private const int MaxStaleRetries = 5;

    private readonly string shard;
    private readonly StoreContext context;
    private readonly PartitionLoader loader;
    private readonly IndexReader reader;
    private readonly IndexCompactor compactor;
    private readonly Dictionary<string, CachedPartition> cache = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private List<PendingCommit> queue = [];
    private bool draining;
    private long clock;

    public ShardWriter(string shard, StoreContext context)
    {
        this.shard = shard;
        this.context = context;
        loader = new PartitionLoader(context);
        reader = new IndexReader(context);
        compactor = new IndexCompactor(context);
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
        var groupId = Guid.NewGuid().ToString("N");
        var pendingPartitions = partitions.ToList();
        while (pendingPartitions.Count > 0)
        {
            await PrepareAsync(pendingPartitions, cancellationToken).ConfigureAwait(false);
            var planned = new List<PlannedWrite>();
            var keyBudget = context.Options.MaxKeysPerTransaction;
            foreach (var partition in pendingPartitions)
            {
                if (planned.Count == UsageStore.MaxPartitionsPerTransaction || keyBudget <= 0)
                {
                    break;
                }

                var state = partition.Cached.State!;
                var plan = CommitPlan.Make(state, partition.InIndexOf(state), partition.Records, partition.Start, partition.IsDuplicate, keyBudget);
                if (plan.NewKeys.Count == 0)
                {
                    partition.Skip(plan.Next); // only duplicates: nothing to write
                    continue;
                }

                keyBudget -= plan.KeysUsed;
                planned.Add(new PlannedWrite(partition, plan, $"{groupId}|{partition.Key}#{partition.Part}", state.NextChunk));
            }

            if (planned.Count > 0)
            {
                await WriteAsync(planned, cancellationToken).ConfigureAwait(false);
                await CompactAsync(planned, cancellationToken).ConfigureAwait(false);
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
        foreach (var (partition, plan, partId, _) in planned)
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
                var (partition, plan, _, _) = planned[i];
                var etag = responses[2 * i].Headers.ETag ?? throw new InvalidOperationException("A table transaction returned no ETag for a head.");
                partition.Cached.State!.Apply(etag, plan);
                Charge(partition.Cached);
                partition.Completed(plan);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another process changed one of these partitions, or an earlier attempt of this very
            // transaction was written although its answer was lost. Forget them all (the next
            // round re-reads them); a chunk at a planned sequence that carries our part id means
            // the latter, and that plan stands.
            foreach (var write in planned)
            {
                Forget(write.Partition.Cached);
            }

            await Parallel.ForEachAsync(
                planned,
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (write, ct) =>
                {
                    var chunk = await context.Table.GetEntityIfExistsAsync<TableEntity>(
                        shard, UsageKeys.Chunk(write.Partition.Partition, write.Sequence), select: ["CommitId"], cancellationToken: ct).ConfigureAwait(false);
                    if (chunk.HasValue && chunk.Value?.GetString("CommitId") == write.PartId)
                    {
                        write.Partition.Completed(write.Plan); // each partition appears once in a transaction
                    }
                }).ConfigureAwait(false);
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
        await context.InFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await context.Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false)).Value;
        }
        finally
        {
            context.InFlight.Release();
        }
    }

    /// <summary>
    /// Makes every partition ready to plan: its state read, and for a large one the keys of its
    /// undecided records looked up in its index. A partition compacted by another process meanwhile
    /// (its generation's rows gone) is read again.
    /// </summary>
    private async Task PrepareAsync(List<MergedPartition> partitions, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await LoadAsync(partitions, cancellationToken).ConfigureAwait(false);
                foreach (var partition in partitions)
                {
                    var state = partition.Cached.State!;
                    if (partition.NeedsResolve(state))
                    {
                        await ResolveAsync(partition, state, cancellationToken).ConfigureAwait(false);
                    }
                }

                return;
            }
            catch (StaleIndexException) when (attempt < MaxStaleRetries)
            {
                // The partition that failed forgot its state; read it again.
            }
        }
    }

    private async Task ResolveAsync(MergedPartition partition, PartitionState state, CancellationToken cancellationToken)
    {
        // Only the keys the tail does not hold and the filter cannot rule out: bounded by the batch,
        // usually a small part of it.
        var filter = state.Filter!;
        var candidates = new HashSet<UInt128>();
        var keys = new List<UInt128>(2);
        var records = partition.Records;
        for (var i = partition.Start; i < records.Count; i++)
        {
            keys.Clear();
            CommitPlan.KeysOf(records[i], keys);
            foreach (var key in keys)
            {
                if (filter.MightContain(key) && !state.Tail.Contains(key))
                {
                    candidates.Add(key);
                }
            }
        }

        var sorted = candidates.ToArray();
        Array.Sort(sorted);
        try
        {
            partition.Resolved(state, await reader.FindAsync(shard, partition.Partition, state.Index!, sorted, cancellationToken).ConfigureAwait(false));
        }
        catch (StaleIndexException e)
        {
            UsageStoreLog.Stale(context.Logger, partition.Partition, e.Message);
            Forget(partition.Cached);
            throw;
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
                try
                {
                    partition.Cached.State = await loader.LoadAsync(
                        shard,
                        partition.Partition,
                        head,
                        (state, through, token) => compactor.CompactAsync(shard, partition.Partition, state, through, token),
                        ct).ConfigureAwait(false);
                }
                catch (StaleIndexException e)
                {
                    UsageStoreLog.Stale(context.Logger, partition.Partition, e.Message);
                    throw;
                }

                Charge(partition.Cached);
            }).ConfigureAwait(false);
    }

    // One query for all heads of the shard when several are needed (a cold start), point reads otherwise.
    private async Task<Dictionary<string, TableEntity>> ReadHeadsAsync(MergedPartition[] missing, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        if (missing.Length >= HeadQueryThreshold)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {"h|"} and RowKey lt {"h}"}");
            await foreach (var head in context.Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                heads[head.RowKey] = head;
            }

            return heads;
        }

        foreach (var partition in missing)
        {
            var rowKey = UsageKeys.Head(partition.Partition);
            var head = await context.Table.GetEntityIfExistsAsync<TableEntity>(shard, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (head.HasValue && head.Value is { } entity)
            {
                heads[rowKey] = entity;
            }
        }

        return heads;
    }

    /// <summary>
    /// Compacts each partition just written whose keys in memory passed their limit. Its commits
    /// are written whatever happens here, so a failure only drops the cached state (re-read on its
    /// next commit, compacted on a later one); it never fails the callers.
    /// </summary>
    private async Task CompactAsync(List<PlannedWrite> written, CancellationToken cancellationToken)
    {
        foreach (var partition in written.Select(w => w.Partition).Distinct())
        {
            if (partition.Cached.State is not { } state
                || state.Tail.Count <= (state.Index is null ? context.Options.SmallPartitionKeys : context.Options.TailKeys))
            {
                continue;
            }

            try
            {
                if (!await compactor.CompactAsync(shard, partition.Partition, state, state.NextChunk, cancellationToken).ConfigureAwait(false))
                {
                    Forget(partition.Cached);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                UsageStoreLog.CompactionFailed(context.Logger, partition.Partition, e);
                Forget(partition.Cached);
            }

            Charge(partition.Cached);
        }
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

    /// <summary>Brings the budget in line with what the cached state holds now.</summary>
    private void Charge(CachedPartition cached)
    {
        var bytes = cached.State?.Bytes ?? 0;
        context.Budget.Add(bytes - cached.ChargedBytes);
        cached.ChargedBytes = bytes;
    }

    private void Forget(CachedPartition cached)
    {
        cached.State = null;
        Charge(cached);
    }

    // Over budget, drop this shard's least recently used partitions until the whole cache is at
    // half its budget (or this shard has nothing left); they are re-read on their next commit.
    private void Trim()
    {
        if (!context.Budget.IsExceeded)
        {
            return;
        }

        foreach (var (key, cached) in cache.OrderBy(c => c.Value.LastUsed).ToArray())
        {
            if (context.Budget.IsBelowHalf)
            {
                break;
            }

            Forget(cached);
            cache.Remove(key);
        }
    }

    /// <param name="Sequence">The chunk sequence the write takes: where to look for it after an ambiguous failure.</param>
    private readonly record struct PlannedWrite(MergedPartition Partition, CommitPlan Plan, string PartId, long Sequence);
}

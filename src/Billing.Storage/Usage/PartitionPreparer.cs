namespace Billing.Storage.Usage;

/// <summary>
/// Does a shard writer's reading before each round of planning: the states it does not hold, and
/// for a large partition the index lookups of keys its Bloom filter cannot rule out, so that
/// planning itself stays synchronous. Loaded and dropped states are charged to the writer's cache.
/// </summary>
internal sealed class PartitionPreparer(string shard, StoreContext context, PartitionCache cache, IndexCompactor compactor)
{
    /// <summary>Re-reads in a row of partitions found stale (compacted elsewhere) before giving up.</summary>
    private const int MaxStaleRetries = 5;

    private readonly HeadReader heads = new(shard, context);
    private readonly PartitionLoader loader = new(context);
    private readonly IndexReader reader = new(context);

    /// <summary>
    /// Makes every partition ready to plan: its state read, and for a large one the keys of its
    /// undecided records looked up in its index. A partition compacted by another process meanwhile
    /// (its generation's rows gone) is read again.
    /// </summary>
    public async Task PrepareAsync(List<MergedPartition> partitions, CancellationToken cancellationToken)
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
            cache.Forget(partition.Cached);
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

        var found = await heads.ReadAsync(missing.Select(p => p.Partition).ToArray(), cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            missing,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var head = found.GetValueOrDefault(UsageKeys.Head(partition.Partition));
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

                cache.Charge(partition.Cached);
            }).ConfigureAwait(false);
    }
}

namespace Billing.Storage.Usage;

/// <summary>
/// Compacts each partition just written whose keys in memory passed their limit
/// (<see cref="UsageStoreOptions.SmallPartitionKeys"/> without an index,
/// <see cref="UsageStoreOptions.TailKeys"/> with one) into a new index generation.
/// </summary>
internal sealed class CompactionTrigger(string shard, StoreContext context, PartitionCache cache, IndexCompactor compactor)
{
    /// <summary>
    /// Compacts each partition just written whose keys in memory passed their limit. Its commits
    /// are written whatever happens here, so a failure only drops the cached state (re-read on its
    /// next commit, compacted on a later one); it never fails the callers.
    /// </summary>
    public async Task CompactAsync(List<PlannedWrite> written, CancellationToken cancellationToken)
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
                    cache.Forget(partition.Cached);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                UsageStoreLog.CompactionFailed(context.Logger, partition.Partition, e);
                cache.Forget(partition.Cached);
            }

            cache.Charge(partition.Cached);
        }
    }
}

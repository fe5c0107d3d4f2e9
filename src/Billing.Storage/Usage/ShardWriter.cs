using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// The one writer of a shard in this process. Requests queue up while a group is being written;
/// the next group takes them all, merges them per partition and writes them in as few
/// transactions as the limits allow (group commit). Being alone, the writer never races itself:
/// conflicts come only from other processes, and are resolved by re-reading. Before planning, the
/// keys of a large partition that its Bloom filter cannot rule out are looked up in its index
/// (asynchronously, so that planning itself stays synchronous: <see cref="PartitionPreparer"/>);
/// after writing (<see cref="TransactionWriter"/>), a partition whose keys in memory outgrew their
/// limit is compacted into a new index generation (<see cref="CompactionTrigger"/>).
/// </summary>
internal sealed class ShardWriter
{
    private readonly StoreContext context;
    private readonly PartitionCache cache;
    private readonly PartitionPreparer preparer;
    private readonly TransactionWriter transactions;
    private readonly CompactionTrigger compaction;
    private readonly Lock gate = new();
    private List<PendingCommit> queue = [];
    private bool draining;

    public ShardWriter(string shard, StoreContext context)
    {
        this.context = context;
        cache = new PartitionCache(context.Budget);
        var compactor = new IndexCompactor(context);
        preparer = new PartitionPreparer(shard, context, cache, compactor);
        transactions = new TransactionWriter(shard, context, cache);
        compaction = new CompactionTrigger(shard, context, cache, compactor);
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
                merged[key] = partition = new MergedPartition(pending.Batch.Partition, cache.Use(key));
            }

            partition.Add(pending);
        }

        var partitions = merged.Values.ToArray();
        var groupId = Guid.NewGuid().ToString("N");
        var pendingPartitions = partitions.ToList();
        while (pendingPartitions.Count > 0)
        {
            await preparer.PrepareAsync(pendingPartitions, cancellationToken).ConfigureAwait(false);
            var planned = Plan(pendingPartitions, groupId);
            if (planned.Count > 0)
            {
                await transactions.WriteAsync(planned, cancellationToken).ConfigureAwait(false);
                await compaction.CompactAsync(planned, cancellationToken).ConfigureAwait(false);
            }

            pendingPartitions.RemoveAll(p => p.Done);
        }

        foreach (var partition in partitions)
        {
            partition.Answer();
        }

        cache.Trim();
    }

    /// <summary>
    /// Plans the next transaction: a commit for each prepared partition, in order, while the
    /// transaction has room for its rows and keys. A partition whose planned records turn out all
    /// duplicates moves past them here, with nothing to write.
    /// </summary>
    private List<PlannedWrite> Plan(List<MergedPartition> partitions, string groupId)
    {
        var planned = new List<PlannedWrite>();
        var keyBudget = context.Options.MaxKeysPerTransaction;
        foreach (var partition in partitions)
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

        return planned;
    }
}

using System.Diagnostics;
using System.Numerics;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// Folds a partition's tail (the keys of its chunks since its index) into a new index
/// generation: streams the old generation's buckets in order, merges the tail's sorted keys into
/// them, writes the new buckets and a new Bloom filter under a new generation id, then switches
/// the head to it with an ETag-guarded merge. Until that switch nobody reads the new rows, so a
/// crash or a lost race leaves only garbage; after it the head's ETag has changed, so any process
/// holding the old state fails its next commit and re-reads. Then the old generation and the
/// chunks the generation before it had already indexed are deleted (best effort).
/// </summary>
/// <remarks>
/// Memory: one old bucket row, the transactions in flight (<see cref="RowBatches"/>) and the new
/// filter, besides the tail itself. Writes: the whole index each time, so a partition of n keys
/// compacted every T keys writes about n²/2T keys over its life (docs/storage.md, "Large partitions").
/// </remarks>
internal sealed class IndexCompactor(StoreContext context)
{
    private readonly IndexReader reader = new(context);

    /// <summary>Keys a bucket row holds at most on average (the bucket count is a power of two, so 256–512; 4–8 KB): a candidate costs one small read.</summary>
    public const int BucketKeys = 512;

    /// <summary>A bucket row must fit one entity (1 MiB) with room to spare; spread keys never come near.</summary>
    private const int MaxRowKeys = 60_000;

    /// <summary>
    /// Writes a generation holding the partition's index and the tail's keys (the chunks before
    /// <paramref name="indexedThrough"/>) and switches the head to it. Returns false when the head
    /// changed since <paramref name="state"/> was read (another writer won; the state is stale).
    /// Unless it returns true, the state has lost its filter and must be dropped.
    /// </summary>
    public async Task<bool> CompactAsync(string shard, UsagePartition partition, PartitionState state, long indexedThrough, CancellationToken cancellationToken)
    {
        if (state.ETag is not { } etag)
        {
            throw new InvalidOperationException($"Partition {partition} has keys but no head.");
        }

        var started = Stopwatch.GetTimestamp();
        var old = state.Index;
        var keys = (old?.Keys ?? 0) + state.Tail.Count;
        var bucketBits = Math.Max(old?.BucketBits ?? 0, BitsFor(keys));
        var (filterBits, hashes) = BloomFilter.Size(keys + context.Options.TailKeys, context.Options.MaxFilterBytes);
        state.DropFilter();
        var filter = new BloomFilter(filterBits, hashes);
        var id = IndexGeneration.NewId(indexedThrough);
        var rows = new RowBatches(context, () => context.CompactionProbe?.Invoke(CompactionStep.IndexRowsWritten));

        await WriteBucketsAsync(shard, partition, state, id, bucketBits, filter, rows, cancellationToken).ConfigureAwait(false);
        var part = 0;
        foreach (var bytes in filter.Parts(PartitionLoader.FilterPartBytes))
        {
            var row = new TableEntity(shard, UsageKeys.FilterRow(partition, id, part++));
            KeyRows.SetBody(row, bytes);
            await rows.AddAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row), bytes.Length, cancellationToken).ConfigureAwait(false);
        }

        await rows.CompleteAsync(cancellationToken).ConfigureAwait(false);
        context.Counters.RowsWritten(rows.Rows, rows.Bytes);
        context.CompactionProbe?.Invoke(CompactionStep.GenerationWritten);

        var generation = new IndexGeneration(id, indexedThrough, bucketBits, keys, filterBits, hashes, part);
        var head = new TableEntity(shard, UsageKeys.Head(partition));
        generation.WriteTo(head);
        Response switched;
        try
        {
            switched = await context.Table.UpdateEntityAsync(head, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Another writer moved the head: this generation is garbage, removed by a later compaction.
            UsageStoreLog.CompactionLostRace(context.Logger, partition, id);
            return false;
        }

        state.SwitchTo(generation, filter, switched.Headers.ETag ?? throw new InvalidOperationException("A head merge returned no ETag."));
        context.Counters.Compacted();
        UsageStoreLog.Compacted(context.Logger, partition, id, keys, 1 << bucketBits, rows.Rows, rows.Bytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        context.CompactionProbe?.Invoke(CompactionStep.Switched);
        await CleanUpAsync(shard, partition, generation, old, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Bucket bits for about <see cref="BucketKeys"/> keys a bucket.</summary>
    private static int BitsFor(long keys) =>
        keys <= BucketKeys ? 0 : BitOperations.Log2(BitOperations.RoundUpToPowerOf2((ulong)((keys + BucketKeys - 1) / BucketKeys)));

    private async Task WriteBucketsAsync(
        string shard,
        UsagePartition partition,
        PartitionState state,
        string id,
        int bucketBits,
        BloomFilter filter,
        RowBatches rows,
        CancellationToken cancellationToken)
    {
        var old = state.Index;
        var oldBits = old?.BucketBits ?? 0;
        var shift = bucketBits - oldBits;
        using var tail = state.Tail.Ordered().GetEnumerator();
        var hasTail = tail.MoveNext();

        // The old buckets in order, a few read ahead (point reads: see IndexReader).
        var ahead = new Queue<Task<UInt128[]>>();
        var nextRead = 0;
        try
        {
            var bucketKeys = new List<UInt128>(2 * BucketKeys);
            for (var oldBucket = 0; oldBucket < 1 << oldBits; oldBucket++)
            {
                UInt128[] oldKeys = [];
                if (old is not null)
                {
                    while (ahead.Count < IndexReader.Parallelism && nextRead < 1 << oldBits)
                    {
                        ahead.Enqueue(reader.ReadBucketAsync(shard, partition, old, nextRead++, cancellationToken));
                    }

                    oldKeys = await ahead.Dequeue().ConfigureAwait(false);
                }

                var o = 0;
                for (var bucket = oldBucket << shift; bucket < (oldBucket + 1) << shift; bucket++)
                {
                    // Both sources are sorted and buckets follow key order: merge this bucket's keys.
                    bucketKeys.Clear();
                    while (true)
                    {
                        var fromOld = o < oldKeys.Length && KeySpace.Bucket(oldKeys[o], bucketBits) == bucket;
                        var fromTail = hasTail && KeySpace.Bucket(tail.Current, bucketBits) == bucket;
                        if (!fromOld && !fromTail)
                        {
                            break;
                        }

                        if (fromOld && (!fromTail || oldKeys[o] < tail.Current))
                        {
                            bucketKeys.Add(oldKeys[o++]);
                        }
                        else
                        {
                            bucketKeys.Add(tail.Current);
                            hasTail = tail.MoveNext();
                        }
                    }

                    if (bucketKeys.Count > MaxRowKeys)
                    {
                        throw new InvalidOperationException($"Partition {partition}: bucket {bucket} of {1 << bucketBits} holds {bucketKeys.Count} keys; spread keys cannot.");
                    }

                    foreach (var key in bucketKeys)
                    {
                        filter.Add(key);
                    }

                    var row = new TableEntity(shard, UsageKeys.IndexRow(partition, id, bucket));
                    KeyRows.SetBody(row, KeyRows.Encode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bucketKeys)));
                    await rows.AddAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row), 64 + (bucketKeys.Count * 16L), cancellationToken)
                        .ConfigureAwait(false);
                }

                if (o != oldKeys.Length)
                {
                    throw new InvalidOperationException($"Partition {partition}: bucket {oldBucket} of generation {old!.Id} holds keys of other buckets.");
                }
            }

            if (hasTail)
            {
                throw new InvalidOperationException($"Partition {partition}: tail keys left over after the last bucket.");
            }
        }
        finally
        {
            // On failure, let reads still in flight finish unobserved.
            foreach (var read in ahead)
            {
                _ = read.ContinueWith(t => t.Exception, TaskScheduler.Default);
            }
        }
    }

    // Garbage nobody reads any more: the old generation (deleted by its known keys), generations up
    // to the new one a crashed or beaten compactor left (found by a query that skips the new
    // generation, so it returns little), and the chunks the old generation had indexed. The chunks
    // the new generation indexed stay one generation longer, so a writer whose commit answer was
    // lost can still find its commit id. A generation covering more than the new one may be
    // another process's, being written; it is left alone. Failures leave garbage for the next
    // compaction, never a wrong state, so they are not errors of the commit.
    private async Task CleanUpAsync(string shard, UsagePartition partition, IndexGeneration current, IndexGeneration? old, CancellationToken cancellationToken)
    {
        try
        {
            var deletes = new RowBatches(context);
            if (old is not null)
            {
                var rows = Enumerable.Range(0, 1 << old.BucketBits).Select(b => UsageKeys.IndexRow(partition, old.Id, b))
                    .Concat(Enumerable.Range(0, old.FilterParts).Select(p => UsageKeys.FilterRow(partition, old.Id, p)));
                foreach (var rowKey in rows)
                {
                    await deletes.AddAsync(Delete(shard, rowKey), 0, cancellationToken).ConfigureAwait(false);
                }
            }

            var ranges = new[]
            {
                (All: UsageKeys.IndexRows(partition), Current: UsageKeys.IndexRows(partition, current.Id)),
                (All: UsageKeys.FilterRows(partition), Current: UsageKeys.FilterRows(partition, current.Id)),
            };
            foreach (var ((from, to), (currentFrom, currentTo)) in ranges)
            {
                foreach (var (rangeFrom, rangeTo) in new[] { (from, currentFrom), (currentTo, to) })
                {
                    await DeleteAsync(shard, rangeFrom, rangeTo, rowKey =>
                    {
                        var generation = UsageKeys.GenerationOf(rowKey);
                        return generation != old?.Id && IndexGeneration.IndexedThroughOf(generation) <= current.IndexedThrough;
                    }, deletes, cancellationToken).ConfigureAwait(false);
                }
            }

            if (old is not null)
            {
                var (from, to) = UsageKeys.Chunks(partition, 0, old.IndexedThrough);
                await DeleteAsync(shard, from, to, _ => true, deletes, cancellationToken).ConfigureAwait(false);
            }

            await deletes.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Left for the next compaction (404: another cleaner was first).
        }
    }

    private static TableTransactionAction Delete(string shard, string rowKey) =>
        new(TableTransactionActionType.Delete, new TableEntity(shard, rowKey), ETag.All);

    private async Task DeleteAsync(string shard, string from, string to, Func<string, bool> garbage, RowBatches deletes, CancellationToken cancellationToken)
    {
        var query = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var row in context.Table.QueryAsync<TableEntity>(query, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (garbage(row.RowKey))
            {
                await deletes.AddAsync(Delete(shard, row.RowKey), 0, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

using Azure.Data.Tables;
using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// Answers exactly, from a partition's index, which of a batch's candidate keys (those its Bloom
/// filter could not rule out) it holds: it reads each bucket row a candidate falls in once, by
/// point reads, a few at once, and searches it.
/// </summary>
/// <remarks>
/// Point reads rather than range queries: the service's partition throughput counts entities
/// either way, and Azurite answers a query by scanning the whole table, which a large index makes
/// slow, while it finds a point read by its keys.
/// </remarks>
internal sealed class IndexReader(StoreContext context)
{
    public const int Parallelism = 8;

    /// <param name="candidates">Spread keys, sorted ascending (so their buckets are in order).</param>
    /// <exception cref="StaleIndexException">A row of the generation is gone: the partition was compacted elsewhere.</exception>
    public async Task<HashSet<UInt128>> FindAsync(string shard, UsagePartition partition, IndexGeneration index, UInt128[] candidates, CancellationToken cancellationToken)
    {
        var found = new HashSet<UInt128>();
        if (candidates.Length == 0)
        {
            return found;
        }

        var buckets = Buckets(candidates, index.BucketBits);
        await Parallel.ForEachAsync(
            buckets,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (bucket, ct) =>
            {
                var keys = await ReadBucketAsync(shard, partition, index, bucket.Bucket, ct).ConfigureAwait(false);
                var hits = new List<UInt128>();
                for (var c = bucket.From; c < bucket.To; c++)
                {
                    if (keys.AsSpan().BinarySearch(candidates[c]) >= 0)
                    {
                        hits.Add(candidates[c]);
                    }
                }

                lock (found)
                {
                    found.UnionWith(hits);
                }
            }).ConfigureAwait(false);

        context.Counters.Looked(candidates.Length, found.Count, buckets.Count);
        return found;
    }

    /// <summary>The sorted keys of one bucket of a generation.</summary>
    /// <exception cref="StaleIndexException">The row is gone: the generation was replaced and deleted.</exception>
    public async Task<UInt128[]> ReadBucketAsync(string shard, UsagePartition partition, IndexGeneration index, int bucket, CancellationToken cancellationToken)
    {
        var row = await context.Table.GetEntityIfExistsAsync<TableEntity>(shard, UsageKeys.IndexRow(partition, index.Id, bucket), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity
            ? KeyRows.Decode(KeyRows.Body(entity))
            : throw new StaleIndexException($"Partition {partition}: index generation {index.Id} has no bucket {bucket}.");
    }

    /// <summary>Candidates [From, To) fall in Bucket.</summary>
    private readonly record struct BucketCandidates(int Bucket, int From, int To);

    private static List<BucketCandidates> Buckets(UInt128[] candidates, int bucketBits)
    {
        var buckets = new List<BucketCandidates>();
        var from = 0;
        for (var i = 1; i <= candidates.Length; i++)
        {
            var bucket = KeySpace.Bucket(candidates[from], bucketBits);
            if (i == candidates.Length || KeySpace.Bucket(candidates[i], bucketBits) != bucket)
            {
                buckets.Add(new BucketCandidates(bucket, from, i));
                from = i;
            }
        }

        return buckets;
    }
}

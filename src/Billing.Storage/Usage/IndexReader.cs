using Azure.Data.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// Answers exactly, from a partition's index, which of a batch's candidate keys (those its Bloom
/// filter could not rule out) it holds: it reads each bucket row a candidate falls in once, as a
/// point read or, where candidates fall in neighbouring buckets, as one range query, a few at once.
/// </summary>
internal sealed class IndexReader(StoreContext context)
{
    /// <summary>Buckets this close are read by one range query rather than point reads.</summary>
    private const int MaxGap = 4;

    /// <summary>Buckets of one range query at most: one page of rows (about 8 KB each), read in parallel with others.</summary>
    private const int MaxSegmentBuckets = 64;

    private const int Parallelism = 8;

    /// <param name="candidates">Spread keys, sorted ascending (so their buckets are in order).</param>
    /// <exception cref="StaleIndexException">A row of the generation is gone: the partition was compacted elsewhere.</exception>
    public async Task<HashSet<UInt128>> FindAsync(string shard, UsagePartition partition, IndexGeneration index, UInt128[] candidates, CancellationToken cancellationToken)
    {
        var found = new HashSet<UInt128>();
        if (candidates.Length == 0)
        {
            return found;
        }

        var segments = Segments(candidates, index.BucketBits);
        var buckets = 0;
        await Parallel.ForEachAsync(
            segments,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (segment, ct) =>
            {
                var (first, last) = (UsageKeys.IndexRow(partition, index.Id, segment.FirstBucket), UsageKeys.IndexRow(partition, index.Id, segment.LastBucket));
                var rows = new List<TableEntity>();
                if (segment.FirstBucket == segment.LastBucket)
                {
                    var row = await context.Table.GetEntityIfExistsAsync<TableEntity>(shard, first, cancellationToken: ct).ConfigureAwait(false);
                    if (row.HasValue && row.Value is { } entity)
                    {
                        rows.Add(entity);
                    }
                }
                else
                {
                    var query = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {first} and RowKey le {last}");
                    await foreach (var entity in context.Table.QueryAsync<TableEntity>(query, maxPerPage: MaxSegmentBuckets, cancellationToken: ct).ConfigureAwait(false))
                    {
                        rows.Add(entity);
                    }
                }

                if (rows.Count != segment.LastBucket - segment.FirstBucket + 1)
                {
                    throw new StaleIndexException($"Partition {partition}: index generation {index.Id} lacks rows in buckets {segment.FirstBucket}–{segment.LastBucket}.");
                }

                var hits = new List<UInt128>();
                var c = segment.From;
                foreach (var row in rows)
                {
                    var keys = KeyRows.Decode(KeyRows.Body(row));
                    var bucket = UsageKeys.NumberOf(row.RowKey);
                    for (; c < segment.To && KeySpace.Bucket(candidates[c], index.BucketBits) == bucket; c++)
                    {
                        if (keys.AsSpan().BinarySearch(candidates[c]) >= 0)
                        {
                            hits.Add(candidates[c]);
                        }
                    }
                }

                lock (found)
                {
                    found.UnionWith(hits);
                    buckets += rows.Count;
                }
            }).ConfigureAwait(false);

        context.Counters.Looked(candidates.Length, found.Count, buckets);
        return found;
    }

    /// <summary>Candidates [From, To) fall in buckets FirstBucket…LastBucket, read together.</summary>
    private readonly record struct Segment(int From, int To, int FirstBucket, int LastBucket);

    private static List<Segment> Segments(UInt128[] candidates, int bucketBits)
    {
        var segments = new List<Segment>();
        var from = 0;
        var first = KeySpace.Bucket(candidates[0], bucketBits);
        var last = first;
        for (var i = 1; i < candidates.Length; i++)
        {
            var bucket = KeySpace.Bucket(candidates[i], bucketBits);
            if (bucket - last > MaxGap || bucket - first >= MaxSegmentBuckets)
            {
                segments.Add(new Segment(from, i, first, last));
                (from, first) = (i, bucket);
            }

            last = bucket;
        }

        segments.Add(new Segment(from, candidates.Length, first, last));
        return segments;
    }
}

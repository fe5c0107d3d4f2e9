namespace Billing.Storage.Usage;

/// <summary>The counters behind <see cref="UsageStoreStatistics"/>, updated from every shard writer.</summary>
internal sealed class StoreCounters
{
    private long compactions;
    private long indexBytesWritten;
    private long indexRowsWritten;
    private long largeLoads;
    private long largeLoadTicks;
    private long maxLargeLoadTicks;
    private long indexCandidates;
    private long indexHits;
    private long bucketReads;

    public void Compacted() => Interlocked.Increment(ref compactions);

    public void RowsWritten(int rows, long bytes)
    {
        Interlocked.Add(ref indexRowsWritten, rows);
        Interlocked.Add(ref indexBytesWritten, bytes);
    }

    public void LargeLoad(TimeSpan elapsed)
    {
        Interlocked.Increment(ref largeLoads);
        Interlocked.Add(ref largeLoadTicks, elapsed.Ticks);
        long seen;
        while (elapsed.Ticks > (seen = Interlocked.Read(ref maxLargeLoadTicks))
               && Interlocked.CompareExchange(ref maxLargeLoadTicks, elapsed.Ticks, seen) != seen)
        {
        }
    }

    public void Looked(int candidates, int hits, int buckets)
    {
        Interlocked.Add(ref indexCandidates, candidates);
        Interlocked.Add(ref indexHits, hits);
        Interlocked.Add(ref bucketReads, buckets);
    }

    public UsageStoreStatistics Snapshot(CacheBudget budget) => new(
        budget.Bytes,
        budget.PeakBytes,
        Interlocked.Read(ref compactions),
        Interlocked.Read(ref indexBytesWritten),
        Interlocked.Read(ref indexRowsWritten),
        Interlocked.Read(ref largeLoads),
        TimeSpan.FromTicks(Interlocked.Read(ref largeLoadTicks)).TotalMilliseconds,
        TimeSpan.FromTicks(Interlocked.Read(ref maxLargeLoadTicks)).TotalMilliseconds,
        Interlocked.Read(ref indexCandidates),
        Interlocked.Read(ref indexHits),
        Interlocked.Read(ref bucketReads));
}

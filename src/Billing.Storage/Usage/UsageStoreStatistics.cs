namespace Billing.Storage.Usage;

/// <summary>What a <see cref="UsageStore"/> has done and holds, for benchmarks and diagnostics.</summary>
/// <param name="CachedBytes">Estimated bytes of partition state cached now (see <see cref="UsageStoreOptions.MaxCachedBytes"/>).</param>
/// <param name="PeakCachedBytes">The most cached at once since the store started.</param>
/// <param name="Compactions">Index generations written and switched to.</param>
/// <param name="IndexBytesWritten">Bytes of index and filter rows written (keys and filter bits, before encoding).</param>
/// <param name="IndexRowsWritten">Index and filter rows written.</param>
/// <param name="LargeLoads">Loads of a large partition (head, filter and the keys since its index).</param>
/// <param name="LargeLoadMilliseconds">Their total time.</param>
/// <param name="MaxLargeLoadMilliseconds">The longest of them.</param>
/// <param name="IndexCandidates">Keys the Bloom filter could not rule out, checked against the index.</param>
/// <param name="IndexHits">Of those, keys the index held (true duplicates).</param>
/// <param name="BucketReads">Index bucket rows read to check candidates.</param>
public sealed record UsageStoreStatistics(
    long CachedBytes,
    long PeakCachedBytes,
    long Compactions,
    long IndexBytesWritten,
    long IndexRowsWritten,
    long LargeLoads,
    double LargeLoadMilliseconds,
    double MaxLargeLoadMilliseconds,
    long IndexCandidates,
    long IndexHits,
    long BucketReads);

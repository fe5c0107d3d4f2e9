namespace Billing.Storage.Usage;

/// <summary>Options of <see cref="UsageStore"/>; plain data with documented defaults, checked by <see cref="Validate"/>.</summary>
public sealed class UsageStoreOptions
{
    public const int DefaultMaxKeysPerTransaction = 40_000;
    public const long DefaultMaxCachedBytes = 96L * 1024 * 1024;
    public const int DefaultCommitParallelism = 8;
    public const int DefaultSmallPartitionKeys = 1_000_000;
    public const int DefaultTailKeys = 1_000_000;
    public const long DefaultMaxFilterBytes = 16L * 1024 * 1024;
    public const int DefaultMaxConcurrentLargeLoads = 2;

    /// <summary>
    /// Dedup keys written by one transaction: 40,000 keys are 640 KB, inside Table Storage's
    /// 1 MiB entity and 4 MiB transaction limits. Larger commits are split into several
    /// transactions, each atomic on its own.
    /// </summary>
    public int MaxKeysPerTransaction { get; set; } = DefaultMaxKeysPerTransaction;

    /// <summary>
    /// Bytes of partition state cached across partitions (keys at about 16 bytes each, Bloom
    /// filters, aggregates) before the least recently used partitions are dropped and re-read on
    /// their next commit. Default 96 MiB, two large partitions and many small ones: with
    /// ingestion's buffers (about 150 MB), inside the app's 384 MB heap (docs/storage.md, "Memory").
    /// </summary>
    public long MaxCachedBytes { get; set; } = DefaultMaxCachedBytes;

    /// <summary>Transactions in flight at once, across shards. Default 8; fewer means more merging.</summary>
    public int CommitParallelism { get; set; } = DefaultCommitParallelism;

    /// <summary>
    /// Keys a partition holds all in memory; past this many it gets an index in the table and
    /// keeps in memory only its Bloom filter and the keys since (docs/storage.md, "Large
    /// partitions"). Default 1,000,000 (16 MB).
    /// </summary>
    public int SmallPartitionKeys { get; set; } = DefaultSmallPartitionKeys;

    /// <summary>
    /// Keys a large partition keeps in memory since its index was written; past this many they
    /// are merged into a new index generation. Default 1,000,000 (16 MB). Larger: fewer rewrites of
    /// the index (each rewrites all of it), more memory per partition.
    /// </summary>
    public int TailKeys { get; set; } = DefaultTailKeys;

    /// <summary>
    /// Largest Bloom filter of a partition's index, in bytes (rounded down to a power of two).
    /// Default 16 MiB: 0.2% false positives at 10 million keys, 4% at 20 million; past that a key
    /// more often costs a read of its index bucket, never a wrong answer.
    /// </summary>
    public long MaxFilterBytes { get; set; } = DefaultMaxFilterBytes;

    /// <summary>Large partitions (with an index, or with many keys) loaded at once. Default 2.</summary>
    public int MaxConcurrentLargeLoads { get; set; } = DefaultMaxConcurrentLargeLoads;

    public void Validate()
    {
        if (MaxKeysPerTransaction < 1 || CommitParallelism < 1 || SmallPartitionKeys < 1 || TailKeys < 1 || MaxConcurrentLargeLoads < 1)
        {
            throw new InvalidOperationException(
                "UsageStore: MaxKeysPerTransaction, CommitParallelism, SmallPartitionKeys, TailKeys and MaxConcurrentLargeLoads must be positive.");
        }

        if (MaxFilterBytes < 1024 || MaxCachedBytes < 1024 * 1024)
        {
            throw new InvalidOperationException("UsageStore: MaxFilterBytes must be at least 1 KiB and MaxCachedBytes at least 1 MiB.");
        }
    }
}

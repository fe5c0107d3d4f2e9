namespace Billing.Storage.Usage;

/// <summary>Options of <see cref="UsageStore"/>; plain data with documented defaults.</summary>
public sealed class UsageStoreOptions
{
    public const int DefaultMaxKeysPerTransaction = 40_000;
    public const long DefaultMaxCachedKeys = 4_000_000;
    public const int DefaultCommitParallelism = 8;

    /// <summary>
    /// Dedup keys plus distinct hashes written by one transaction: 40,000 keys are 640 KB, inside
    /// Table Storage's 1 MiB entity and 4 MiB transaction limits. Larger commits are split into
    /// several transactions, each atomic on its own.
    /// </summary>
    public int MaxKeysPerTransaction { get; set; } = DefaultMaxKeysPerTransaction;

    /// <summary>
    /// Dedup keys kept in memory across partitions (about 40 bytes each) before the least recently
    /// used partitions are dropped and re-read on their next commit. Default 4,000,000.
    /// </summary>
    public long MaxCachedKeys { get; set; } = DefaultMaxCachedKeys;

    /// <summary>Transactions in flight at once, across shards. Default 8; fewer means more merging.</summary>
    public int CommitParallelism { get; set; } = DefaultCommitParallelism;
}

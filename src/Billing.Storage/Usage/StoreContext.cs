using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Billing.Storage.Usage;

/// <summary>What every shard writer of a store shares: the table, the options, the cache budget and the limits on concurrency.</summary>
internal sealed class StoreContext(TableClient table, UsageStoreOptions options, ILogger logger)
{
    public ILogger Logger { get; } = logger;

    public TableClient Table { get; } = table;

    public UsageStoreOptions Options { get; } = options;

    public CacheBudget Budget { get; } = new(options.MaxCachedBytes);

    /// <summary>Transactions in flight at once, across shards.</summary>
    public SemaphoreSlim InFlight { get; } = new(options.CommitParallelism, options.CommitParallelism);

    /// <summary>Loads of large partitions at once, across shards: each holds a filter and up to a tail of keys while it reads.</summary>
    public SemaphoreSlim LargeLoads { get; } = new(options.MaxConcurrentLargeLoads, options.MaxConcurrentLargeLoads);

    public StoreCounters Counters { get; } = new();

    /// <summary>Called at each <see cref="CompactionStep"/>; tests throw from it to play a crash.</summary>
    public Action<CompactionStep>? CompactionProbe { get; set; }
}

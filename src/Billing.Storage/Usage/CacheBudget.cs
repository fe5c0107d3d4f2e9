namespace Billing.Storage.Usage;

/// <summary>The dedup keys cached across all shards, against <see cref="UsageStoreOptions.MaxCachedKeys"/>.</summary>
internal sealed class CacheBudget(long maxKeys)
{
    private long keys;

    public long MaxKeys { get; } = maxKeys;

    public bool IsExceeded => Interlocked.Read(ref keys) > MaxKeys;

    public bool IsBelowHalf => Interlocked.Read(ref keys) <= MaxKeys / 2;

    public void Add(long count) => Interlocked.Add(ref keys, count);
}

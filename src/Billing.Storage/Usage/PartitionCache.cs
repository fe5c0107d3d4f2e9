namespace Billing.Storage.Usage;

/// <summary>
/// One shard writer's cached partition states, charged to the store-wide <see cref="CacheBudget"/>
/// and trimmed least recently used first. Used only by its writer's drain loop, so unsynchronized.
/// </summary>
internal sealed class PartitionCache(CacheBudget budget)
{
    private readonly Dictionary<string, CachedPartition> cache = new(StringComparer.Ordinal);
    private long clock;

    /// <summary>The entry for a partition key (created empty, its state unread), marked as used now.</summary>
    public CachedPartition Use(string key)
    {
        if (!cache.TryGetValue(key, out var cached))
        {
            cache[key] = cached = new CachedPartition();
        }

        cached.LastUsed = ++clock;
        return cached;
    }

    /// <summary>Brings the budget in line with what the cached state holds now.</summary>
    public void Charge(CachedPartition cached)
    {
        var bytes = cached.State?.Bytes ?? 0;
        budget.Add(bytes - cached.ChargedBytes);
        cached.ChargedBytes = bytes;
    }

    public void Forget(CachedPartition cached)
    {
        cached.State = null;
        Charge(cached);
    }

    // Over budget, drop this shard's least recently used partitions until the whole cache is at
    // half its budget (or this shard has nothing left); they are re-read on their next commit.
    public void Trim()
    {
        if (!budget.IsExceeded)
        {
            return;
        }

        foreach (var (key, cached) in cache.OrderBy(c => c.Value.LastUsed).ToArray())
        {
            if (budget.IsBelowHalf)
            {
                break;
            }

            Forget(cached);
            cache.Remove(key);
        }
    }
}

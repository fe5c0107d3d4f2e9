namespace Billing.Storage.Usage;

/// <summary>The bytes of partition state cached across all shards, against <see cref="UsageStoreOptions.MaxCachedBytes"/>.</summary>
internal sealed class CacheBudget(long maxBytes)
{
    private long bytes;
    private long peak;

    public long MaxBytes { get; } = maxBytes;

    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>The most held at once since the store started.</summary>
    public long PeakBytes => Interlocked.Read(ref peak);

    public bool IsExceeded => Bytes > MaxBytes;

    public bool IsBelowHalf => Bytes <= MaxBytes / 2;

    public void Add(long delta)
    {
        var now = Interlocked.Add(ref bytes, delta);
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
    }
}

namespace Billing.Storage.Usage;

/// <summary>
/// The dedup keys of one partition, in about 16–20 bytes per key (a <see cref="HashSet{T}"/> of
/// 128-bit keys costs about 40): keys only ever accumulate, so most live in one sorted array
/// searched by bisection, and new ones in a small hash set merged into the array once it holds a
/// quarter as many. Lookups stay O(log n); each key is copied a handful of times over its life.
/// </summary>
internal sealed class KeySet
{
    private const int MinRecent = 1024;

    private UInt128[] sorted = [];
    private HashSet<UInt128> recent = [];

    public int Count => sorted.Length + recent.Count;

    public bool Contains(UInt128 key) => recent.Contains(key) || Array.BinarySearch(sorted, key) >= 0;

    /// <summary>Adds a key known not to be in the set.</summary>
    public void Add(UInt128 key)
    {
        recent.Add(key);
        if (recent.Count > Math.Max(MinRecent, sorted.Length / 4))
        {
            Compact();
        }
    }

    public void AddRange(IEnumerable<UInt128> keys)
    {
        foreach (var key in keys)
        {
            if (!Contains(key))
            {
                Add(key);
            }
        }
    }

    private void Compact()
    {
        var incoming = recent.ToArray();
        Array.Sort(incoming);
        var merged = new UInt128[sorted.Length + incoming.Length];
        int i = 0, j = 0, k = 0;
        while (i < sorted.Length && j < incoming.Length)
        {
            merged[k++] = sorted[i] < incoming[j] ? sorted[i++] : incoming[j++];
        }

        sorted.AsSpan(i).CopyTo(merged.AsSpan(k));
        k += sorted.Length - i;
        incoming.AsSpan(j).CopyTo(merged.AsSpan(k));
        sorted = merged;
        recent = [];
    }
}

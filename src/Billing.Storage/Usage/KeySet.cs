namespace Billing.Storage.Usage;

/// <summary>
/// A set of spread keys (<see cref="KeySpace"/>) in about 16 bytes per key (a
/// <see cref="HashSet{T}"/> of 128-bit keys costs about 40). Keys only ever accumulate: most live
/// in sorted arrays searched by bisection, one per range of the top bits, and new ones in a small
/// hash set merged into the arrays once it holds a quarter as many (at most
/// <see cref="MaxRecent"/>).
/// </summary>
/// <remarks>
/// No step ever copies the whole set: a merge replaces one range's array at a time, and a range
/// that outgrows <see cref="MaxRangeKeys"/> is split in two on its own, so growing a set of n keys
/// needs n × 16 bytes plus about 1 MB, never twice the set (a single sorted array would, on every
/// merge). Ranges are by top bits, which is why the keys must be spread.
/// </remarks>
internal sealed class KeySet
{
    public const int MinRecent = 1024;
    public const int MaxRecent = 65_536;
    public const int MaxRangeKeys = 65_536;

    /// <summary>Estimated bytes of a key in the hash set of recent keys (entry, bucket, slack).</summary>
    private const int RecentKeyBytes = 40;

    private UInt128[][] ranges = [[]];
    private int bits; // ranges.Length == 1 << bits
    private HashSet<UInt128> recent = [];
    private int sortedCount;

    public int Count => sortedCount + recent.Count;

    /// <summary>Estimated bytes held: 16 per sorted key, more per recent one.</summary>
    public long Bytes => (sortedCount * 16L) + ((long)recent.Count * RecentKeyBytes) + (ranges.Length * 32L);

    public bool Contains(UInt128 key) =>
        recent.Contains(key) || ranges[KeySpace.Bucket(key, bits)].AsSpan().BinarySearch(key) >= 0;

    /// <summary>Adds a key known not to be in the set.</summary>
    public void Add(UInt128 key)
    {
        recent.Add(key);
        if (recent.Count > Math.Clamp(sortedCount / 4, MinRecent, MaxRecent))
        {
            Compact();
        }
    }

    /// <summary>Adds the keys not in the set yet.</summary>
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

    /// <summary>Every key in ascending order (merges the recent keys first).</summary>
    public IEnumerable<UInt128> Ordered()
    {
        Compact();
        foreach (var range in ranges)
        {
            foreach (var key in range)
            {
                yield return key;
            }
        }
    }

    /// <summary>Merges the recent keys into the sorted ranges, one range at a time.</summary>
    public void Compact()
    {
        if (recent.Count == 0)
        {
            return;
        }

        var incoming = new UInt128[recent.Count];
        recent.CopyTo(incoming);
        recent = [];
        Array.Sort(incoming);
        var from = 0;
        for (var r = 0; r < ranges.Length && from < incoming.Length; r++)
        {
            var to = from;
            while (to < incoming.Length && KeySpace.Bucket(incoming[to], bits) == r)
            {
                to++;
            }

            if (to > from)
            {
                ranges[r] = Merge(ranges[r], incoming.AsSpan(from, to - from));
            }

            from = to;
        }

        sortedCount += incoming.Length;
        if (bits < 30 && sortedCount / ranges.Length > MaxRangeKeys)
        {
            Split();
        }
    }

    private static UInt128[] Merge(UInt128[] sorted, ReadOnlySpan<UInt128> incoming)
    {
        var merged = new UInt128[sorted.Length + incoming.Length];
        int i = 0, j = 0, k = 0;
        while (i < sorted.Length && j < incoming.Length)
        {
            merged[k++] = sorted[i] < incoming[j] ? sorted[i++] : incoming[j++];
        }

        sorted.AsSpan(i).CopyTo(merged.AsSpan(k));
        k += sorted.Length - i;
        incoming[j..].CopyTo(merged.AsSpan(k));
        return merged;
    }

    // One more top bit: each range splits in two at the key whose next bit turns to 1.
    private void Split()
    {
        var next = new UInt128[ranges.Length * 2][];
        for (var r = 0; r < ranges.Length; r++)
        {
            var range = ranges[r];
            var boundary = range.AsSpan().BinarySearch(((UInt128)(uint)(2 * r + 1)) << (127 - bits));
            var at = boundary >= 0 ? boundary : ~boundary;
            next[2 * r] = range[..at];
            next[(2 * r) + 1] = range[at..];
            ranges[r] = []; // let the old array go before the next split
        }

        ranges = next;
        bits++;
    }
}

using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// Where a usage partition lives in the table. Subscriptions are spread over
/// <see cref="ShardCount"/> table partitions ("shards") by a stable hash of their id, so one
/// entity-group transaction can commit many subscriptions at once; inside a shard each
/// (subscription, period) has one head row (its aggregates, the ETag that guards it), one
/// chunk row per commit (the dedup keys that commit added) and, once it is large, the index rows
/// and Bloom filter rows of its current generation (docs/storage.md, "Large partitions").
/// </summary>
/// <remarks>
/// The shard count is part of the stored layout: changing it would move subscriptions away from
/// their dedup state, so it is a constant, not a setting.
/// </remarks>
internal static class UsageKeys
{
    public const int ShardCount = 64;

    public static string Shard(UsagePartition partition) =>
        string.Create(CultureInfo.InvariantCulture, $"s{XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(partition.SubscriptionId)) % ShardCount:D2}");

    /// <summary>"h|{subscription}|{period start, Unix seconds, 12 digits}".</summary>
    public static string Head(UsagePartition partition) => $"h|{Stem(partition)}";

    /// <summary>"c|{subscription}|{period start}|{sequence, 10 digits}": a partition's chunks sort together, in commit order.</summary>
    public static string Chunk(UsagePartition partition, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"c|{Stem(partition)}|{sequence:D10}");

    /// <summary>The row-key range [from, to) of a partition's chunks with sequence ≥ <paramref name="fromSequence"/>.</summary>
    public static (string From, string To) Chunks(UsagePartition partition, long fromSequence) =>
        (Chunk(partition, fromSequence), $"c|{Stem(partition)}|~");

    /// <summary>The row-key range [from, to) of a partition's chunks with sequence in [<paramref name="fromSequence"/>, <paramref name="toSequence"/>).</summary>
    public static (string From, string To) Chunks(UsagePartition partition, long fromSequence, long toSequence) =>
        (Chunk(partition, fromSequence), Chunk(partition, toSequence));

    /// <summary>The sequence of a chunk row key.</summary>
    public static long ChunkSequence(string rowKey) => long.Parse(rowKey.AsSpan(rowKey.Length - 10), CultureInfo.InvariantCulture);

    /// <summary>"i|{subscription}|{period start}|{generation}|{bucket, 7 digits}": one bucket of an index generation.</summary>
    public static string IndexRow(UsagePartition partition, string generation, int bucket) =>
        string.Create(CultureInfo.InvariantCulture, $"i|{Stem(partition)}|{generation}|{bucket:D7}");

    /// <summary>"f|{subscription}|{period start}|{generation}|{part, 5 digits}": one part of a generation's Bloom filter.</summary>
    public static string FilterRow(UsagePartition partition, string generation, int part) =>
        string.Create(CultureInfo.InvariantCulture, $"f|{Stem(partition)}|{generation}|{part:D5}");

    /// <summary>The row-key range [from, to) of a generation's index rows (<paramref name="generation"/> set) or of every generation's.</summary>
    public static (string From, string To) IndexRows(UsagePartition partition, string? generation = null) =>
        generation is null ? ($"i|{Stem(partition)}|", $"i|{Stem(partition)}|~") : ($"i|{Stem(partition)}|{generation}|", $"i|{Stem(partition)}|{generation}|~");

    /// <summary>The row-key range [from, to) of a generation's filter rows (<paramref name="generation"/> set) or of every generation's.</summary>
    public static (string From, string To) FilterRows(UsagePartition partition, string? generation = null) =>
        generation is null ? ($"f|{Stem(partition)}|", $"f|{Stem(partition)}|~") : ($"f|{Stem(partition)}|{generation}|", $"f|{Stem(partition)}|{generation}|~");

    /// <summary>The generation named in an index or filter row key.</summary>
    public static string GenerationOf(string rowKey)
    {
        var end = rowKey.LastIndexOf('|');
        var start = rowKey.LastIndexOf('|', end - 1) + 1;
        return rowKey[start..end];
    }

    /// <summary>The bucket or part number that ends an index or filter row key.</summary>
    public static int NumberOf(string rowKey) => int.Parse(rowKey.AsSpan(rowKey.LastIndexOf('|') + 1), CultureInfo.InvariantCulture);

    private static string Stem(UsagePartition partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{partition.SubscriptionId}|{partition.Period.Start.ToUnixTimeSeconds():D12}");
}

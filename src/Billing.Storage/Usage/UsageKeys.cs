using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Billing.Storage.Usage;

/// <summary>
/// Where a usage partition lives in the table. Subscriptions are spread over
/// <see cref="ShardCount"/> table partitions ("shards") by a stable hash of their id, so one
/// entity-group transaction can commit many subscriptions at once; inside a shard each
/// (subscription, period) has one head row (its aggregates, the ETag that guards it) and one
/// chunk row per commit (the dedup keys that commit added).
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

    private static string Stem(UsagePartition partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{partition.SubscriptionId}|{partition.Period.Start.ToUnixTimeSeconds():D12}");
}

using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Meters;
using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// A partition as last read or written by this process: aggregates, the head's ETag that proves
/// the state current when the next commit is written, and its dedup keys. A small partition keeps
/// every key in <see cref="Tail"/>; a large one (with an <see cref="Index"/>) keeps only the keys
/// of chunks since its index (<see cref="Tail"/>) and the index's Bloom filter, and asks the index
/// about the rest. So memory per partition is bounded by the options, not by the period's size.
/// </summary>
internal sealed class PartitionState
{
    /// <summary>Estimated bytes of the aggregates and fields (a few meters).</summary>
    private const int FixedBytes = 2048;

    /// <summary>Estimated bytes of one meter's day (an aggregate and its dictionary entry).</summary>
    private const int DayBytes = 160;

    /// <summary>No head yet: nothing was ever committed to the partition.</summary>
    public ETag? ETag { get; private set; }

    public long NextChunk { get; private set; }

    public long LateEvents { get; private set; }

    public DateTimeOffset? InvoicedAt { get; private set; }

    /// <summary>Keys the partition holds (index and tail), as its head says; null on a head written before it was kept.</summary>
    public long? Keys { get; private set; }

    /// <summary>unique_count aggregates hold their count only: the distinct values are keys.</summary>
    public Dictionary<string, MeterAggregate> Aggregates { get; } = new(StringComparer.Ordinal);

    /// <summary>Per meter its UTC days (counts only, like <see cref="Aggregates"/>); none for a head written before days were kept.</summary>
    public Dictionary<string, DayAggregates> Days { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Spread keys of the chunks from <see cref="TailFrom"/> on: every key of a small partition.</summary>
    public KeySet Tail { get; private set; } = new();

    /// <summary>The current index generation; null while the partition is small.</summary>
    public IndexGeneration? Index { get; private set; }

    /// <summary>The index's Bloom filter, loaded with it.</summary>
    public BloomFilter? Filter { get; private set; }

    /// <summary>The first chunk whose keys are in <see cref="Tail"/> (the index holds those before).</summary>
    public long TailFrom => Index?.IndexedThrough ?? 0;

    /// <summary>Estimated bytes this state holds.</summary>
    public long Bytes => FixedBytes + (DayBytes * Days.Values.Sum(d => (long)d.Count)) + Tail.Bytes + (Filter?.Bytes ?? 0);

    /// <summary>A state from the head row, or an empty one when there is none; its keys are added by the caller.</summary>
    public static PartitionState FromHead(TableEntity? head)
    {
        var state = new PartitionState();
        if (head is not null)
        {
            state.ETag = head.ETag;
            state.NextChunk = head.GetInt64("NextChunk") ?? 0;
            state.LateEvents = head.GetInt64("LateEvents") ?? 0;
            state.InvoicedAt = head.GetDateTimeOffset("InvoicedAt");
            state.Keys = head.GetInt64("Keys");
            state.Index = IndexGeneration.From(head);
            foreach (var stored in ReadAggregates(head))
            {
                state.Aggregates[stored.MeterId] = stored.Restore();
            }

            state.Days = StoredDays.Read(head);
        }

        return state;
    }

    public static IReadOnlyList<StoredAggregate> ReadAggregates(TableEntity head) =>
        head.GetString("Aggregates") is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, StorageJson.Default.StoredAggregateArray) ?? []
            : [];

    /// <summary>The aggregates as a <see cref="UsageSnapshot"/>, as <see cref="UsageSnapshots.From"/> reads them from the head this state holds.</summary>
    public UsageSnapshot Snapshot(UsagePartition partition, ETag etag) => new(
        partition,
        Aggregates.ToDictionary(
            a => a.Key,
            a => new MeterUsage(a.Key, a.Value.Formula, a.Value.EventCount, a.Value.Quantity),
            StringComparer.Ordinal),
        LateEvents,
        InvoicedAt,
        etag.ToString());

    /// <summary>Sets the filter read for <see cref="Index"/>.</summary>
    public void SetFilter(BloomFilter filter) => Filter = filter;

    /// <summary>
    /// Lets the filter go while a compaction builds the next one (the writer looks nothing up
    /// meanwhile), so that two filters are never held at once. If the compaction does not switch
    /// the head, the state must be dropped and re-read.
    /// </summary>
    public void DropFilter() => Filter = null;

    /// <summary>True when the key is in the tail, or in the index as far as <paramref name="inIndex"/> (the resolved candidates) says.</summary>
    public bool Contains(UInt128 key, IReadOnlySet<UInt128> inIndex) => Tail.Contains(key) || inIndex.Contains(key);

    /// <summary>The head row this state becomes once <paramref name="plan"/> is written.</summary>
    public TableEntity NextHead(string shard, UsagePartition partition, CommitPlan plan)
    {
        var head = new TableEntity(shard, UsageKeys.Head(partition))
        {
            ["SubscriptionId"] = partition.SubscriptionId,
            ["PeriodStart"] = partition.Period.Start,
            ["PeriodEnd"] = partition.Period.End,
            ["Aggregates"] = JsonSerializer.Serialize(
                plan.Aggregates.Select(a => StoredAggregate.From(a.Key, a.Value)).ToArray(),
                StorageJson.Default.StoredAggregateArray),
            ["NextChunk"] = NextChunk + 1,
            ["LateEvents"] = LateEvents + (plan.Late ? plan.Events : 0),
            ["InvoicedAt"] = InvoicedAt,
            ["Keys"] = (Keys ?? 0) + plan.NewKeys.Count,
        };
        StoredDays.Write(head, MergedDays(plan));
        Index?.WriteTo(head);
        return head;
    }

    /// <summary>The chunk row holding the keys <paramref name="plan"/> adds (unique_count values among them).</summary>
    public TableEntity NextChunkRow(string shard, UsagePartition partition, CommitPlan plan, string commitId)
    {
        var chunk = new TableEntity(shard, UsageKeys.Chunk(partition, NextChunk)) { ["CommitId"] = commitId };
        KeyRows.SetBody(chunk, new DedupChunk(plan.NewKeys, new Dictionary<string, List<UInt128>>()).Encode());
        return chunk;
    }

    /// <summary>Applies a commit this process has just written.</summary>
    public void Apply(ETag etag, CommitPlan plan)
    {
        ETag = etag;
        NextChunk++;
        LateEvents += plan.Late ? plan.Events : 0;
        Keys = (Keys ?? 0) + plan.NewKeys.Count;
        foreach (var key in plan.NewKeys)
        {
            Tail.Add(KeySpace.Spread(key)); // new by construction: the plan kept only unseen keys
        }

        Aggregates.Clear();
        foreach (var (meterId, aggregate) in plan.Aggregates)
        {
            Aggregates[meterId] = aggregate.Counted(); // the values are keys now; keep the count
        }

        foreach (var (meterId, added) in plan.Days)
        {
            if (!Days.TryGetValue(meterId, out var days))
            {
                Days[meterId] = days = new DayAggregates(added.Formula);
            }

            foreach (var (day, aggregate) in added.Days)
            {
                days.Set(day, DayAggregates.Merged(days.At(day), aggregate));
            }
        }
    }

    /// <summary>Every meter's days once <paramref name="plan"/> is merged in, this state unchanged: what the next head stores.</summary>
    private IEnumerable<(string, AggregationFormula, IEnumerable<KeyValuePair<int, MeterAggregate>>)> MergedDays(CommitPlan plan)
    {
        foreach (var (meterId, stored) in Days)
        {
            yield return plan.Days.TryGetValue(meterId, out var added)
                ? (meterId, stored.Formula, Merge(stored, added))
                : (meterId, stored.Formula, stored.Days);
        }

        foreach (var (meterId, added) in plan.Days.Where(d => !Days.ContainsKey(d.Key)))
        {
            yield return (meterId, added.Formula, added.Days.Select(d => KeyValuePair.Create(d.Key, d.Value.Counted())));
        }

        static IEnumerable<KeyValuePair<int, MeterAggregate>> Merge(DayAggregates stored, DayAggregates added) =>
            stored.Days.Where(d => added.At(d.Key) is null)
                .Concat(added.Days.Select(d => KeyValuePair.Create(d.Key, DayAggregates.Merged(stored.At(d.Key), d.Value))));
    }

    /// <summary>
    /// The head now names <paramref name="index"/> (its ETag <paramref name="etag"/>): the tail
    /// keeps only chunks from the index's end on, which were not read yet (a load) or do not exist
    /// (a commit's compaction).
    /// </summary>
    public void SwitchTo(IndexGeneration index, BloomFilter filter, ETag etag)
    {
        Index = index;
        Filter = filter;
        ETag = etag;
        Tail = new KeySet();
    }

    /// <summary>Every key of the state was read: its count is now known, whatever the head said.</summary>
    public void CompleteLoad() => Keys = (Index?.Keys ?? 0) + Tail.Count;
}

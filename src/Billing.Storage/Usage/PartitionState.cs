using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Meters;

namespace Billing.Storage.Usage;

/// <summary>
/// A partition as last read or written by this process: aggregates, every dedup key, and the
/// head's ETag that proves the state current when the next commit is written.
/// </summary>
internal sealed class PartitionState
{
    /// <summary>No head yet: nothing was ever committed to the partition.</summary>
    public ETag? ETag { get; private set; }

    public long NextChunk { get; private set; }

    public long LateEvents { get; private set; }

    public DateTimeOffset? InvoicedAt { get; private set; }

    public Dictionary<string, MeterAggregate> Aggregates { get; } = new(StringComparer.Ordinal);

    public KeySet Seen { get; } = new();

    /// <summary>Commit ids of the chunks read at load, to recognise our own write after an ambiguous failure.</summary>
    public HashSet<string> CommitIds { get; } = new(StringComparer.Ordinal);

    /// <param name="head">The head row, or null when the partition has none.</param>
    /// <param name="chunks">Every chunk row of the partition.</param>
    public static PartitionState Load(TableEntity? head, IEnumerable<TableEntity> chunks)
    {
        var state = new PartitionState();
        var distinct = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entity in chunks)
        {
            var chunk = DedupChunk.Decode(ReadBody(entity));
            state.Seen.AddRange(chunk.Keys);
            foreach (var (meterId, hashes) in chunk.DistinctByMeter)
            {
                if (!distinct.TryGetValue(meterId, out var values))
                {
                    distinct[meterId] = values = [];
                }

                values.AddRange(hashes.Select(DistinctKey.Format));
            }

            if (entity.GetString("CommitId") is { } commitId)
            {
                state.CommitIds.Add(commitId);
            }
        }

        if (head is not null)
        {
            state.ETag = head.ETag;
            state.NextChunk = head.GetInt64("NextChunk") ?? 0;
            state.LateEvents = head.GetInt64("LateEvents") ?? 0;
            state.InvoicedAt = head.GetDateTimeOffset("InvoicedAt");
            foreach (var stored in ReadAggregates(head))
            {
                state.Aggregates[stored.MeterId] = stored.Restore(distinct.GetValueOrDefault(stored.MeterId));
            }
        }

        return state;
    }

    public static IReadOnlyList<StoredAggregate> ReadAggregates(TableEntity head) =>
        head.GetString("Aggregates") is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, StorageJson.Default.StoredAggregateArray) ?? []
            : [];

    /// <summary>The head row this state becomes once <paramref name="plan"/> is written.</summary>
    public TableEntity NextHead(string shard, UsagePartition partition, CommitPlan plan) => new(shard, UsageKeys.Head(partition))
    {
        ["SubscriptionId"] = partition.SubscriptionId,
        ["PeriodStart"] = partition.Period.Start,
        ["PeriodEnd"] = partition.Period.End,
        ["Aggregates"] = JsonSerializer.Serialize(
            plan.Aggregates.Select(a => StoredAggregate.From(a.Key, a.Value)).ToArray(),
            StorageJson.Default.StoredAggregateArray),
        ["NextChunk"] = NextChunk + 1,
        ["LateEvents"] = LateEvents + (plan.Late ? plan.NewKeys.Count : 0),
        ["InvoicedAt"] = InvoicedAt,
    };

    /// <summary>The chunk row holding the keys <paramref name="plan"/> adds.</summary>
    public TableEntity NextChunkRow(string shard, UsagePartition partition, CommitPlan plan, string commitId)
    {
        var chunk = new TableEntity(shard, UsageKeys.Chunk(partition, NextChunk)) { ["CommitId"] = commitId };
        var part = 0;
        foreach (var bytes in DedupChunk.Split(new DedupChunk(plan.NewKeys, plan.Distinct).Encode()))
        {
            chunk[$"D{part++}"] = bytes;
        }

        return chunk;
    }

    /// <summary>Applies a commit this process has just written.</summary>
    public void Apply(ETag etag, CommitPlan plan)
    {
        ETag = etag;
        NextChunk++;
        LateEvents += plan.Late ? plan.NewKeys.Count : 0;
        foreach (var key in plan.NewKeys)
        {
            Seen.Add(key); // new by construction: the plan kept only unseen keys
        }

        Aggregates.Clear();
        foreach (var (meterId, aggregate) in plan.Aggregates)
        {
            Aggregates[meterId] = aggregate;
        }
    }

    private static byte[] ReadBody(TableEntity entity)
    {
        using var body = new MemoryStream();
        for (var part = 0; entity.GetBinary($"D{part}") is { } bytes; part++)
        {
            body.Write(bytes);
        }

        return body.ToArray();
    }
}

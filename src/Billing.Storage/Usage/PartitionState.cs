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
    public const string HeadRowKey = "head";
    public const string ChunkPrefix = "c";

    public ETag? ETag { get; private set; }

    public long NextChunk { get; private set; }

    public long LateEvents { get; private set; }

    public DateTimeOffset? InvoicedAt { get; private set; }

    public Dictionary<string, MeterAggregate> Aggregates { get; } = new(StringComparer.Ordinal);

    public HashSet<UInt128> Seen { get; } = [];

    /// <summary>Commit ids of the chunks read at load, to recognise our own write after an ambiguous failure.</summary>
    public HashSet<string> CommitIds { get; } = new(StringComparer.Ordinal);

    public static string ChunkRowKey(long sequence) => $"{ChunkPrefix}{sequence:D10}";

    public static PartitionState Load(IEnumerable<TableEntity> entities)
    {
        var state = new PartitionState();
        TableEntity? head = null;
        var distinct = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            if (entity.RowKey == HeadRowKey)
            {
                head = entity;
                continue;
            }

            var chunk = DedupChunk.Decode(ReadBody(entity));
            state.Seen.UnionWith(chunk.Keys);
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

    public static string WriteAggregates(IEnumerable<KeyValuePair<string, MeterAggregate>> aggregates) =>
        JsonSerializer.Serialize(
            aggregates.Select(a => StoredAggregate.From(a.Key, a.Value)).ToArray(),
            StorageJson.Default.StoredAggregateArray);

    /// <summary>Applies a commit this process has just written.</summary>
    public void Apply(ETag etag, Dictionary<string, MeterAggregate> aggregates, IEnumerable<UInt128> keys, long lateEvents)
    {
        ETag = etag;
        NextChunk++;
        LateEvents += lateEvents;
        Seen.UnionWith(keys);
        Aggregates.Clear();
        foreach (var (meterId, aggregate) in aggregates)
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

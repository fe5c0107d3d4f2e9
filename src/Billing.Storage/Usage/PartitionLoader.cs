using System.Diagnostics;
using Azure.Data.Tables;
using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// Reads a partition's state: its head, then, for a large partition, its index's Bloom filter,
/// then the keys of the chunks since its index, streamed in small pages straight into the key set
/// (never all chunk entities at once, never a page of many large entities). Loads of large
/// partitions wait for <see cref="StoreContext.LargeLoads"/>, so a cold start that meets several
/// holds only a few of them while they load.
/// </summary>
internal sealed class PartitionLoader(StoreContext context)
{
    /// <summary>A filter row holds four 64 KiB properties (256 KiB; about 350 KB encoded).</summary>
    public const int FilterPartBytes = 4 * DedupChunk.MaxPropertyBytes;

    /// <summary>Tails of more keys than this (1 MB) are loaded as large partitions.</summary>
    private const long LargeTailKeys = 65_536;

    /// <summary>The body bytes a page of chunks aims at, so that a page stays a few MB however large its chunks.</summary>
    private const long PageBytes = 2 * 1024 * 1024;

    /// <summary>Folds the keys read so far (the chunks before the given sequence) into a new index generation; false when the head moved meanwhile.</summary>
    public delegate Task<bool> Compaction(PartitionState state, long indexedThrough, CancellationToken cancellationToken);

    /// <param name="head">The partition's head row, or null when it has none.</param>
    /// <param name="compact">Called when the keys read outgrow what memory may hold (data written before indexes, or options made smaller).</param>
    /// <exception cref="StaleIndexException">The partition changed under the load; read it again.</exception>
    public async Task<PartitionState> LoadAsync(string shard, UsagePartition partition, TableEntity? head, Compaction compact, CancellationToken cancellationToken)
    {
        var state = PartitionState.FromHead(head);
        if (head is null)
        {
            state.CompleteLoad();
            return state;
        }

        var large = IsLarge(state);
        var started = Stopwatch.GetTimestamp();
        if (large)
        {
            await context.LargeLoads.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (state.Index is { } index)
            {
                state.SetFilter(await ReadFilterAsync(shard, partition, index, cancellationToken).ConfigureAwait(false));
            }

            await ReadTailAsync(shard, partition, state, compact, cancellationToken).ConfigureAwait(false);
            state.CompleteLoad();
            return state;
        }
        finally
        {
            if (large)
            {
                context.LargeLoads.Release();
                context.Counters.LargeLoad(Stopwatch.GetElapsedTime(started));
            }
        }
    }

    private static bool IsLarge(PartitionState state) =>
        state.Index is not null || (state.Keys is { } keys ? keys > LargeTailKeys : state.NextChunk > 16);

    private async Task<BloomFilter> ReadFilterAsync(string shard, UsagePartition partition, IndexGeneration index, CancellationToken cancellationToken)
    {
        // Point reads of the known parts, a few at once (see IndexReader on why not a query).
        var filter = new BloomFilter(index.FilterBits, index.FilterHashes);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, index.FilterParts),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (part, ct) =>
            {
                var row = await context.Table.GetEntityIfExistsAsync<TableEntity>(shard, UsageKeys.FilterRow(partition, index.Id, part), cancellationToken: ct)
                    .ConfigureAwait(false);
                if (!row.HasValue || row.Value is null)
                {
                    throw new StaleIndexException($"Partition {partition}: filter row {part} of generation {index.Id} is gone.");
                }

                filter.Load((long)part * FilterPartBytes, KeyRows.Body(row.Value)); // parts fill disjoint words
            }).ConfigureAwait(false);
        return filter;
    }

    private async Task ReadTailAsync(string shard, UsagePartition partition, PartitionState state, Compaction compact, CancellationToken cancellationToken)
    {
        if (state.TailFrom >= state.NextChunk)
        {
            return;
        }

        // Only the chunks the head counts: a later one belongs to a commit this state does not include.
        var (from, to) = UsageKeys.Chunks(partition, state.TailFrom, state.NextChunk);
        var query = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {from} and RowKey lt {to}");
        var limit = state.Index is null ? context.Options.SmallPartitionKeys : context.Options.TailKeys;
        await foreach (var chunk in context.Table.QueryAsync<TableEntity>(query, maxPerPage: PageSize(state), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            DedupChunk.ReadInto(KeyRows.Body(chunk), state.Tail);
            if (state.Tail.Count > limit)
            {
                // More keys than memory may hold: fold those read into an index now and go on.
                if (!await compact(state, UsageKeys.ChunkSequence(chunk.RowKey) + 1, cancellationToken).ConfigureAwait(false))
                {
                    throw new StaleIndexException($"Partition {partition} changed while it was loaded.");
                }

                limit = context.Options.TailKeys;
            }
        }
    }

    // Chunks of one request hold a few keys, of a file up to MaxKeysPerTransaction: aim at a page
    // of about PageBytes from the average the head implies (4 a page when it says nothing).
    private static int PageSize(PartitionState state)
    {
        var chunks = state.NextChunk - state.TailFrom;
        if (state.Keys is not { } keys || chunks <= 0)
        {
            return 4;
        }

        var averageBytes = Math.Max(16, (keys - (state.Index?.Keys ?? 0)) * 16 / chunks);
        return (int)Math.Clamp(PageBytes / averageBytes, 4, 1000);
    }
}

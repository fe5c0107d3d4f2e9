using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Billing.Domain.Meters;
using Billing.Domain.Periods;
using Billing.Domain.Usage;
using Billing.Storage.Usage;
using Billing.Testing;

namespace Billing.Storage.Tests.Usage;

/// <summary>
/// Partitions past <see cref="UsageStoreOptions.SmallPartitionKeys"/>: their keys move into an
/// index in the table (small limits here, so a few thousand keys make several generations), and
/// dedup stays exact through compactions, reloads, other stores, races and crashes.
/// </summary>
public sealed class LargePartitionTests(AzuriteFixture azurite)
{
    private static readonly Meter Compute = new("compute_seconds", "compute_seconds", AggregationFormula.Sum);
    private static readonly Meter Users = new("active_users", "active_user", AggregationFormula.UniqueCount);
    private static readonly BillingPeriod January = new(
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly UsagePartition Partition = new("sub_large", January);

    /// <summary>Small limits: index past 5,000 keys, a new generation every 2,000 more, a 1 KiB filter that says "maybe" to most keys.</summary>
    private static UsageStoreOptions Small(long filterBytes = 1024) => new()
    {
        SmallPartitionKeys = 5_000,
        TailKeys = 2_000,
        MaxFilterBytes = filterBytes,
        MaxKeysPerTransaction = 1_000,
    };

    [Fact]
    public async Task CommitAsync_PastTheSmallLimit_EveryAcceptedKeyStaysDuplicateAfterCompactionReloadAndInAnotherStore()
    {
        var (store, names) = await NewStoreAsync(Small(filterBytes: 64 * 1024));
        var accepted = await CommitRangeAsync(store, 0, 12_000, batch: 1_000);

        Assert.Equal(12_000, accepted);
        Assert.True(store.Statistics.Compactions >= 3, $"compactions: {store.Statistics.Compactions}");
        Assert.Equal(0, await CommitRangeAsync(store, 0, 12_000, batch: 3_000)); // warm, after compactions
        var cold = new UsageStore(azurite.Tables, names, Small(filterBytes: 64 * 1024));
        Assert.Equal(0, await CommitRangeAsync(cold, 0, 12_000, batch: 2_500)); // cold: head, filter, tail
        Assert.Equal(500, await CommitRangeAsync(cold, 11_750, 12_500, batch: 750)); // new ones still count
        Assert.Equal(0, await CommitRangeAsync(store, 11_000, 12_500, batch: 1_500)); // the first store's cache went stale and re-reads

        var snapshot = await cold.ReadAsync(Partition, Ct);
        Assert.Equal(12_500m, snapshot!.QuantityOf("compute_seconds"));
        Assert.Equal(12_500, snapshot.Meters["compute_seconds"].EventCount);
    }

    [Fact]
    public async Task CommitAsync_NewKeysTheTinyFilterCannotRuleOut_AreCheckedInTheIndexAndAccepted()
    {
        var (store, names) = await NewStoreAsync(Small(filterBytes: 1024));
        await CommitRangeAsync(store, 0, 9_000, batch: 1_000);
        var cold = new UsageStore(azurite.Tables, names, Small(filterBytes: 1024));

        var fresh = await CommitRangeAsync(cold, 100_000, 101_000, batch: 1_000);

        // 8,192 bits (one hash) for 9,000 keys: about two new keys in three are false positives,
        // looked up in the index and not found there.
        Assert.Equal(1_000, fresh);
        Assert.True(cold.Statistics.IndexCandidates >= 500, $"candidates: {cold.Statistics.IndexCandidates}");
        Assert.Equal(0, cold.Statistics.IndexHits);
        Assert.Equal(0, await CommitRangeAsync(cold, 0, 9_000, batch: 3_000));
        Assert.Equal(10_000m, (await cold.ReadAsync(Partition, Ct))!.QuantityOf("compute_seconds"));
    }

    [Fact]
    public async Task CommitAsync_UniqueCountAcrossCompactionsAndReload_CountsEachValueOnce()
    {
        var (store, names) = await NewStoreAsync(Small());

        // 9,000 events of 3,000 users: each user three times, spread over batches and generations.
        for (var b = 0; b < 9; b++)
        {
            await store.CommitAsync(Partition, [.. Enumerable.Range(b * 1_000, 1_000).Select(k => UserRecord(k, $"u{k % 3_000}"))], Ct);
        }

        var cold = new UsageStore(azurite.Tables, names, Small());
        await cold.CommitAsync(Partition, [UserRecord(20_000, "u7"), UserRecord(20_001, "new-user"), UserRecord(5, "u5")], Ct);

        var snapshot = await cold.ReadAsync(Partition, Ct);
        Assert.True(store.Statistics.Compactions >= 2, $"compactions: {store.Statistics.Compactions}");
        Assert.Equal(3_001m, snapshot!.QuantityOf("active_users"));
        Assert.Equal(9_002, snapshot.Meters["active_users"].EventCount);
    }

    [Fact]
    public async Task CommitAsync_TwoStoresCompactingWhileTheOtherCommits_CountEachKeyOnce()
    {
        var (_, names) = await NewStoreAsync(Small());
        var stores = new[] { new UsageStore(azurite.Tables, names, Small()), new UsageStore(azurite.Tables, names, Small()) };

        // Both send keys 0..14,999 in batches of 500, in opposite orders: every key arrives twice,
        // each store compacts several times, and each compaction races the other store's commits.
        var accepted = await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
        {
            var total = 0;
            for (var b = 0; b < 30; b++)
            {
                var from = (s == 0 ? b : 29 - b) * 500;
                total += await CommitRangeAsync(store, from, from + 500, batch: 500);
            }

            return total;
        })));

        Assert.Equal(15_000, accepted.Sum());
        Assert.True(stores.Sum(s => s.Statistics.Compactions) >= 3);
        var cold = new UsageStore(azurite.Tables, names, Small());
        Assert.Equal(0, await CommitRangeAsync(cold, 0, 15_000, batch: 5_000));
        var snapshot = await cold.ReadAsync(Partition, Ct);
        Assert.Equal(15_000m, snapshot!.QuantityOf("compute_seconds"));
        Assert.Equal(15_000, snapshot.Meters["compute_seconds"].EventCount);
    }

    [Fact]
    public async Task CommitAsync_AnotherStoreCommitsWhileACompactionIsWritten_TheCompactionLosesAndNothingIsLostOrCountedTwice()
    {
        var (first, names) = await NewStoreAsync(Small());
        var second = new UsageStore(azurite.Tables, names, Small());
        await CommitRangeAsync(first, 0, 6_000, batch: 1_000); // one generation
        var raced = 0;
        first.CompactionProbe = step =>
        {
            // The first store's next generation is written but the head not yet switched: the
            // second store commits keys old and new, moving the head under it.
            if (step == CompactionStep.GenerationWritten && raced++ == 0)
            {
                var accepted = CommitRangeAsync(second, 8_000, 9_500, batch: 1_500).GetAwaiter().GetResult();
                Assert.Equal(1_000, accepted); // 8,000..8,499 were just written by the first store
            }
        };

        Assert.Equal(2_500, await CommitRangeAsync(first, 6_000, 8_500, batch: 500));

        Assert.Equal(1, raced);
        Assert.Equal(1, first.Statistics.Compactions); // the raced one lost: its switch failed on the ETag
        Assert.Equal(0, await CommitRangeAsync(first, 0, 9_500, batch: 9_500)); // re-read: sees the second store's keys
        Assert.Equal(500, await CommitRangeAsync(second, 9_000, 10_000, batch: 1_000));
        var cold = new UsageStore(azurite.Tables, names, Small());
        Assert.Equal(0, await CommitRangeAsync(cold, 0, 10_000, batch: 5_000));
        var snapshot = await cold.ReadAsync(Partition, Ct);
        Assert.Equal(10_000m, snapshot!.QuantityOf("compute_seconds"));
        Assert.Equal(10_000, snapshot.Meters["compute_seconds"].EventCount);
    }

    [Theory]
    [InlineData(nameof(CompactionStep.IndexRowsWritten))]
    [InlineData(nameof(CompactionStep.GenerationWritten))]
    [InlineData(nameof(CompactionStep.Switched))]
    public async Task CommitAsync_CrashInTheMiddleOfACompaction_ANewStoreReadsACorrectState(string stepName)
    {
        var step = Enum.Parse<CompactionStep>(stepName);
        var (store, names) = await NewStoreAsync(Small());
        await CommitRangeAsync(store, 0, 6_000, batch: 1_000); // one generation
        var crashes = 0;
        store.CompactionProbe = s =>
        {
            if (s == step)
            {
                crashes++;
                throw new SimulatedCrashException($"crash at {s}");
            }
        };

        // The next compaction (past 2,000 more keys) stops at the step; its commits stand.
        Assert.Equal(2_500, await CommitRangeAsync(store, 6_000, 8_500, batch: 500));
        Assert.True(crashes >= 1);

        var restarted = new UsageStore(azurite.Tables, names, Small());
        Assert.Equal(0, await CommitRangeAsync(restarted, 0, 8_500, batch: 2_125));
        Assert.Equal(3_500, await CommitRangeAsync(restarted, 8_500, 12_000, batch: 500)); // compacts again, and cleans up
        Assert.Equal(0, await CommitRangeAsync(new UsageStore(azurite.Tables, names, Small()), 0, 12_000, batch: 4_000));
        Assert.Equal(12_000m, (await restarted.ReadAsync(Partition, Ct))!.QuantityOf("compute_seconds"));

        // What the crash left is gone: only the head's generation has rows.
        var head = (await Table(names).GetEntityAsync<TableEntity>(UsageKeys.Shard(Partition), UsageKeys.Head(Partition), cancellationToken: Ct)).Value;
        Assert.Equal([head.GetString("IndexGeneration")], await GenerationsAsync(names));
    }

    [Fact]
    public async Task LoadAsync_PartitionWrittenWithoutAnIndex_IsIndexedWhileLoadingAndHoldsBoundedBytes()
    {
        // 60,000 keys written by a store that never indexes (as before indexes existed).
        var (writer, names) = await NewStoreAsync(new UsageStoreOptions { SmallPartitionKeys = 1_000_000, MaxKeysPerTransaction = 1_000 });
        await CommitRangeAsync(writer, 0, 60_000, batch: 10_000);
        Assert.Equal(0, writer.Statistics.Compactions);

        var options = new UsageStoreOptions { SmallPartitionKeys = 5_000, TailKeys = 2_000, MaxFilterBytes = 8 * 1024, MaxKeysPerTransaction = 1_000 };
        var cold = new UsageStore(azurite.Tables, names, options);
        Assert.Equal(0, await CommitRangeAsync(cold, 59_000, 60_000, batch: 1_000));

        // The stated bound: the filter plus a tail of at most TailKeys + one chunk of keys (40 bytes
        // a key at worst, in the hash set of recent keys), plus a few KB; all keys would be 960 KB.
        var bound = options.MaxFilterBytes + ((options.TailKeys + options.MaxKeysPerTransaction) * 40L) + 8_192;
        Assert.True(cold.Statistics.PeakCachedBytes <= bound, $"peak {cold.Statistics.PeakCachedBytes} bytes, bound {bound}");
        Assert.True(cold.Statistics.Compactions >= 15, $"compactions while loading: {cold.Statistics.Compactions}");
        Assert.Equal(1, await CommitRangeAsync(cold, 59_999, 60_001, batch: 2));
        Assert.Equal(0, await CommitRangeAsync(new UsageStore(azurite.Tables, names, options), 0, 60_001, batch: 20_000));
    }

    [Fact]
    public async Task LoadAsync_ChunkWithDistinctSectionsOfTheOldFormat_CountsTheirValuesAsKnown()
    {
        var (store, names) = await NewStoreAsync(new UsageStoreOptions());
        var shard = UsageKeys.Shard(Partition);

        // A head and a chunk as written before unique_count values were keys: 2 events, 2 users in a section.
        var u1 = XxHash128.HashToUInt128(Encoding.UTF8.GetBytes("u1"));
        var u2 = XxHash128.HashToUInt128(Encoding.UTF8.GetBytes("u2"));
        var head = new TableEntity(shard, UsageKeys.Head(Partition))
        {
            ["Aggregates"] = JsonSerializer.Serialize([new StoredAggregate("active_users", AggregationFormula.UniqueCount, 2, "0", null, null, "0", 2)], StorageJson.Default.StoredAggregateArray),
            ["NextChunk"] = 1L,
            ["LateEvents"] = 0L,
        };
        var chunk = new TableEntity(shard, UsageKeys.Chunk(Partition, 0));
        KeyRows.SetBody(chunk, new DedupChunk([1001, 1002], new Dictionary<string, List<UInt128>> { ["active_users"] = [u1, u2] }).Encode());
        await Table(names).SubmitTransactionAsync([new(TableTransactionActionType.Add, head), new(TableTransactionActionType.Add, chunk)], Ct);

        var outcome = await store.CommitAsync(Partition, [UserRecord(1, "u1"), UserRecord(3, "u2"), UserRecord(4, "u3")], Ct);

        Assert.Equal([true, false, false], outcome.IsDuplicate);
        var snapshot = await store.ReadAsync(Partition, Ct);
        Assert.Equal(3m, snapshot!.QuantityOf("active_users"));
        Assert.Equal(4, snapshot.Meters["active_users"].EventCount);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UsageRecord Record(int key) =>
        new((UInt128)(ulong)key + 1, Compute, new UsageSample(January.Start.AddSeconds(key % 86_400), 1m, string.Empty));

    private static UsageRecord UserRecord(int key, string user) =>
        new((UInt128)(ulong)key + 1000, Users, new UsageSample(January.Start, 0m, DistinctKey.Format(XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(user)))));

    /// <summary>Commits keys [from, to) in batches; returns how many were accepted.</summary>
    private static async Task<int> CommitRangeAsync(UsageStore store, int from, int to, int batch)
    {
        var accepted = 0;
        for (var start = from; start < to; start += batch)
        {
            var records = Enumerable.Range(start, Math.Min(batch, to - start)).Select(Record).ToArray();
            accepted += (await store.CommitAsync(Partition, records, Ct)).Accepted;
        }

        return accepted;
    }

    private TableClient Table(StorageNames names) => azurite.Tables.GetTableClient(names.UsageTable);

    /// <summary>The generations that have index or filter rows.</summary>
    private async Task<string[]> GenerationsAsync(StorageNames names)
    {
        var generations = new SortedSet<string>(StringComparer.Ordinal);
        var shard = UsageKeys.Shard(Partition);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and ((RowKey ge {"i|"} and RowKey lt {"i}"}) or (RowKey ge {"f|"} and RowKey lt {"f}"}))");
        await foreach (var row in Table(names).QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: Ct))
        {
            generations.Add(UsageKeys.GenerationOf(row.RowKey));
        }

        return [.. generations];
    }

    private async Task<(UsageStore Store, StorageNames Names)> NewStoreAsync(UsageStoreOptions options)
    {
        var names = new StorageNames { Prefix = azurite.UniqueName("l")[..20] };
        var store = new UsageStore(azurite.Tables, names, options);
        await store.InitializeAsync(Ct);
        return (store, names);
    }
}

using System.IO.Hashing;
using System.Text;
using Billing.Domain.Meters;
using Billing.Domain.Periods;
using Billing.Domain.Usage;
using Billing.Storage.Usage;
using Billing.Testing;

namespace Billing.Storage.Tests.Usage;

public sealed class UsageStoreTests(AzuriteFixture azurite)
{
    private static readonly Meter Compute = new("compute_seconds", "compute_seconds", AggregationFormula.Sum);
    private static readonly Meter Users = new("active_users", "active_user", AggregationFormula.UniqueCount);
    private static readonly BillingPeriod January = new(
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly UsagePartition Partition = new("sub_A", January);

    [Fact]
    public async Task CommitAsync_NewKeys_AreCountedAndReadBack()
    {
        var store = await NewStoreAsync();

        var outcome = await store.CommitAsync(Partition, [Record(1, 10m), Record(2, 2.5m)], Ct);

        Assert.Equal(2, outcome.Accepted);
        Assert.Equal([false, false], outcome.IsDuplicate);
        var snapshot = await store.ReadAsync(Partition, Ct);
        Assert.Equal(12.5m, snapshot!.QuantityOf("compute_seconds"));
        Assert.Equal(2, snapshot.Meters["compute_seconds"].EventCount);
    }

    [Fact]
    public async Task CommitAsync_AnyCommit_HandsBackTheAggregatesAsStored()
    {
        var (store, names) = await NewStoreWithNamesAsync();
        await store.CommitAsync(Partition, [Record(1, 10m), UserRecord(2, "u1")], Ct);
        var cold = new UsageStore(azurite.Tables, names, new UsageStoreOptions());

        var warm = await store.CommitAsync(Partition, [Record(3, 2.5m), UserRecord(4, "u2"), UserRecord(5, "u1")], Ct);
        var onlyDuplicates = await cold.CommitAsync(Partition, [Record(3, 2.5m)], Ct);

        // The spend-cap answer of POST /api/meter_events prices these without reading the head again.
        var stored = await store.ReadAsync(Partition, Ct);
        foreach (var after in new[] { warm.After, onlyDuplicates.After })
        {
            Assert.NotNull(after);
            Assert.Equal(stored!.Version, after.Version);
            Assert.Equal((12.5m, 2L, 2m, 3L), (after.QuantityOf("compute_seconds"), after.Meters["compute_seconds"].EventCount, after.QuantityOf("active_users"), after.Meters["active_users"].EventCount));
            Assert.Equal(stored.Meters.OrderBy(m => m.Key, StringComparer.Ordinal), after.Meters.OrderBy(m => m.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task CommitAsync_RepeatedKeys_FirstWinsWithinBatchAndAcrossCommits()
    {
        var store = await NewStoreAsync();
        await store.CommitAsync(Partition, [Record(1, 10m)], Ct);

        var outcome = await store.CommitAsync(Partition, [Record(1, 99m), Record(2, 1m), Record(2, 50m)], Ct);

        Assert.Equal([true, false, true], outcome.IsDuplicate);
        Assert.Equal(11m, (await store.ReadAsync(Partition, Ct))!.QuantityOf("compute_seconds"));
    }

    [Fact]
    public async Task CommitAsync_SecondStoreWithColdCache_SeesStoredKeys()
    {
        var (first, names) = await NewStoreWithNamesAsync();
        await first.CommitAsync(Partition, [Record(1, 10m)], Ct);
        var second = new UsageStore(azurite.Tables, names, new UsageStoreOptions());

        var outcome = await second.CommitAsync(Partition, [Record(1, 10m), Record(3, 1m)], Ct);

        Assert.Equal([true, false], outcome.IsDuplicate);
        Assert.Equal(11m, (await second.ReadAsync(Partition, Ct))!.QuantityOf("compute_seconds"));
    }

    [Fact]
    public async Task CommitAsync_FourStoresRacingOnOverlappingKeys_CountEachKeyOnce()
    {
        var (_, names) = await NewStoreWithNamesAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new UsageStore(azurite.Tables, names, new UsageStoreOptions())).ToArray();

        // Each writer sends keys 0..199 in its own order and in batches of 25: every key reaches
        // the partition four times, from writers whose caches go stale under each other.
        var outcomes = await Task.WhenAll(stores.Select((store, w) => Task.Run(async () =>
        {
            var accepted = 0;
            var keys = Enumerable.Range(0, 200).OrderBy(k => (k * (w + 3)) % 200).ToArray();
            for (var b = 0; b < keys.Length; b += 25)
            {
                var batch = keys.Skip(b).Take(25).Select(k => Record(k, 1m)).ToArray();
                accepted += (await store.CommitAsync(Partition, batch, Ct)).Accepted;
            }

            return accepted;
        })));

        Assert.Equal(200, outcomes.Sum());
        var snapshot = await stores[0].ReadAsync(Partition, Ct);
        Assert.Equal(200m, snapshot!.QuantityOf("compute_seconds"));
        Assert.Equal(200, snapshot.Meters["compute_seconds"].EventCount);
    }

    [Fact]
    public async Task CommitAsync_FourStoresRacingOverManyPartitions_CountEachKeyOnce()
    {
        var (_, names) = await NewStoreWithNamesAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new UsageStore(azurite.Tables, names, new UsageStoreOptions())).ToArray();
        var partitions = Enumerable.Range(0, 150).Select(i => new UsagePartition($"sub_{i}", January)).ToArray();

        // Every store commits keys 0..59 of every partition, in overlapping batches, so most
        // transactions carry many subscriptions and meet heads that other stores just moved.
        await Task.WhenAll(stores.Select((store, w) => Task.Run(async () =>
        {
            for (var round = 0; round < 3; round++)
            {
                var from = ((round + w) % 3) * 20;
                var batches = partitions.Select(p => new PartitionBatch(p, Enumerable.Range(from, 40).Select(k => Record(k % 60, 1m)).ToArray())).ToArray();
                await store.CommitAsync(batches, Ct);
            }
        })));

        var cold = new UsageStore(azurite.Tables, names, new UsageStoreOptions());
        foreach (var partition in partitions)
        {
            var snapshot = await cold.ReadAsync(partition, Ct);
            Assert.Equal(60m, snapshot!.QuantityOf("compute_seconds"));
        }
    }

    [Fact]
    public async Task CommitAsync_SamePartitionTwiceInOneCall_Throws()
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(
            [new PartitionBatch(Partition, [Record(1, 1m)]), new PartitionBatch(Partition, [Record(2, 1m)])], Ct));
    }

    [Fact]
    public async Task CommitAsync_MoreKeysThanOneTransactionHolds_SplitsAndCountsAll()
    {
        var (_, names) = await NewStoreWithNamesAsync();
        var store = new UsageStore(azurite.Tables, names, new UsageStoreOptions { MaxKeysPerTransaction = 7 });
        var records = Enumerable.Range(0, 30).Select(k => Record(k % 20, 1m)).ToArray();

        var outcome = await store.CommitAsync(Partition, records, Ct);

        Assert.Equal(20, outcome.Accepted);
        Assert.Equal(10, outcome.Duplicates);
        var cold = new UsageStore(azurite.Tables, names, new UsageStoreOptions());
        var again = await cold.CommitAsync(Partition, records, Ct);
        Assert.Equal(0, again.Accepted);
        Assert.Equal(20m, (await cold.ReadAsync(Partition, Ct))!.QuantityOf("compute_seconds"));
    }

    [Fact]
    public async Task CommitAsync_UniqueCount_CountsDistinctValuesAcrossCommitsAndRestarts()
    {
        var (store, names) = await NewStoreWithNamesAsync();
        await store.CommitAsync(Partition, [UserRecord(1, "u1"), UserRecord(2, "u2"), UserRecord(3, "u1")], Ct);
        var restarted = new UsageStore(azurite.Tables, names, new UsageStoreOptions());

        await restarted.CommitAsync(Partition, [UserRecord(4, "u2"), UserRecord(5, "u3")], Ct);

        var snapshot = await restarted.ReadAsync(Partition, Ct);
        Assert.Equal(3m, snapshot!.QuantityOf("active_users"));
        Assert.Equal(5, snapshot.Meters["active_users"].EventCount);
    }

    [Fact]
    public async Task TryMarkInvoicedAsync_ThenCommit_ReportsLateAndKeepsCounting()
    {
        var store = await NewStoreAsync();
        await store.CommitAsync(Partition, [Record(1, 10m)], Ct);
        var snapshot = await store.ReadAsync(Partition, Ct);

        Assert.True(await store.TryMarkInvoicedAsync(snapshot!, January.End, Ct));
        var outcome = await store.CommitAsync(Partition, [Record(2, 5m)], Ct);

        Assert.True(outcome.Late);
        var after = await store.ReadAsync(Partition, Ct);
        Assert.Equal(15m, after!.QuantityOf("compute_seconds"));
        Assert.Equal(1, after.LateEvents);
        Assert.Equal(January.End, after.InvoicedAt);
    }

    [Fact]
    public async Task TryMarkInvoicedAsync_UsageCommittedSinceSnapshot_ReturnsFalse()
    {
        var store = await NewStoreAsync();
        await store.CommitAsync(Partition, [Record(1, 10m)], Ct);
        var stale = await store.ReadAsync(Partition, Ct);
        await store.CommitAsync(Partition, [Record(2, 10m)], Ct);

        Assert.False(await store.TryMarkInvoicedAsync(stale!, January.End, Ct));
        Assert.Null((await store.ReadAsync(Partition, Ct))!.InvoicedAt);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UsageRecord Record(int key, decimal value) =>
        new((UInt128)(ulong)key + 1, Compute, new UsageSample(January.Start.AddMinutes(key), value, string.Empty));

    /// <summary>A unique_count record whose distinct key hashes the user as ingestion does (XxHash128: the same in every process).</summary>
    private static UsageRecord UserRecord(int key, string user) =>
        new((UInt128)(ulong)key + 1000, Users, new UsageSample(January.Start, 0m, DistinctKey.Format(XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(user)))));

    private async Task<UsageStore> NewStoreAsync() => (await NewStoreWithNamesAsync()).Store;

    private async Task<(UsageStore Store, StorageNames Names)> NewStoreWithNamesAsync()
    {
        var names = new StorageNames { Prefix = azurite.UniqueName("s")[..20] };
        var store = new UsageStore(azurite.Tables, names, new UsageStoreOptions());
        await store.InitializeAsync(Ct);
        return (store, names);
    }
}

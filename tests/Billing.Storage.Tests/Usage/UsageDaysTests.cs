using System.IO.Hashing;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Meters;
using Billing.Domain.Periods;
using Billing.Domain.Usage;
using Billing.Storage.Usage;
using Billing.Testing;

namespace Billing.Storage.Tests.Usage;

/// <summary>The head's per-meter UTC days: committed with the aggregates, exactly once, read back as the snapshot's days.</summary>
public sealed class UsageDaysTests(AzuriteFixture azurite)
{
    private static readonly Meter Compute = new("compute_seconds", "compute_seconds", AggregationFormula.Sum);
    private static readonly Meter Users = new("active_users", "active_user", AggregationFormula.UniqueCount);
    private static readonly Meter Storage = new("storage_gb", "storage_gb", AggregationFormula.Max);
    private static readonly Meter Temperature = new("temperature", "temperature", AggregationFormula.Last);
    private static readonly BillingPeriod January = new(
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly UsagePartition Partition = new("sub_A", January);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CommitAsync_SumOverSeveralDays_KeepsEachDayOnceAcrossRestarts()
    {
        var (store, names) = await NewStoreAsync();
        await store.CommitAsync(Partition, [Record(Compute, 1, Jan(3, 23, 59), 10m), Record(Compute, 2, Jan(4, 0, 0), 2.5m)], Ct);
        var restarted = new UsageStore(azurite.Tables, names, new UsageStoreOptions());

        // Key 1 again (a duplicate on another day counts nowhere), then a new event of the 4th.
        await restarted.CommitAsync(Partition, [Record(Compute, 1, Jan(9, 0, 0), 99m), Record(Compute, 3, Jan(4, 12, 0), 1m)], Ct);

        var snapshot = await restarted.ReadAsync(Partition, Ct);
        Assert.Equal(
            [(new DateOnly(2026, 1, 3), 1L, 10m), (new DateOnly(2026, 1, 4), 2L, 3.5m)],
            snapshot!.DaysOf("compute_seconds").Select(d => (d.Date, d.Aggregate.EventCount, d.Aggregate.Quantity)));
        Assert.Equal(13.5m, snapshot.QuantityOf("compute_seconds"));
    }

    [Fact]
    public async Task CommitAsync_UniqueCountValueSeenOnTwoDays_CountsOnTheDayThatCountedItFirst()
    {
        var (store, names) = await NewStoreAsync();
        await store.CommitAsync(Partition, [UserRecord(1, Jan(5, 8, 0), "u1"), UserRecord(2, Jan(5, 9, 0), "u2")], Ct);
        var restarted = new UsageStore(azurite.Tables, names, new UsageStoreOptions());

        await restarted.CommitAsync(Partition, [UserRecord(3, Jan(6, 8, 0), "u1"), UserRecord(4, Jan(6, 9, 0), "u3")], Ct);

        var snapshot = await restarted.ReadAsync(Partition, Ct);
        Assert.Equal(
            [(new DateOnly(2026, 1, 5), 2L, 2m), (new DateOnly(2026, 1, 6), 2L, 1m)],
            snapshot!.DaysOf("active_users").Select(d => (d.Date, d.Aggregate.EventCount, d.Aggregate.Quantity)));
        Assert.Equal(3m, snapshot.QuantityOf("active_users"));
    }

    [Fact]
    public async Task CommitAsync_MaxAndLast_DayHoldsItsOwnLargestAndLatestValue()
    {
        var (store, _) = await NewStoreAsync();
        await store.CommitAsync(Partition, [Record(Storage, 1, Jan(2, 1, 0), 7m), Record(Storage, 2, Jan(2, 5, 0), 25m), Record(Storage, 3, Jan(3, 1, 0), 4m)], Ct);
        await store.CommitAsync(Partition, [Record(Temperature, 4, Jan(2, 9, 0), 12m), Record(Temperature, 5, Jan(2, 3, 0), -5m), Record(Temperature, 6, Jan(3, 1, 0), 8m)], Ct);

        var snapshot = await store.ReadAsync(Partition, Ct);

        Assert.Equal([25m, 4m], snapshot!.DaysOf("storage_gb").Select(d => d.Aggregate.Quantity));
        Assert.Equal([12m, 8m], snapshot.DaysOf("temperature").Select(d => d.Aggregate.Quantity));
        Assert.Equal(8m, snapshot.QuantityOf("temperature"));
    }

    [Fact]
    public async Task CommitAsync_FourStoresRacingOverManyDays_DaysCountEachEventOnce()
    {
        var (_, names) = await NewStoreAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new UsageStore(azurite.Tables, names, new UsageStoreOptions())).ToArray();

        // Keys 0..299, key k on day 1 + k % 30: every writer sends all of them in its own order.
        await Task.WhenAll(stores.Select((store, w) => Task.Run(async () =>
        {
            var keys = Enumerable.Range(0, 300).OrderBy(k => (k * (w + 7)) % 300).ToArray();
            for (var b = 0; b < keys.Length; b += 40)
            {
                await store.CommitAsync(Partition, keys.Skip(b).Take(40).Select(k => Record(Compute, k, Jan(1 + (k % 30), 12, 0), 1m)).ToArray(), Ct);
            }
        })));

        var snapshot = await new UsageStore(azurite.Tables, names, new UsageStoreOptions()).ReadAsync(Partition, Ct);
        var days = snapshot!.DaysOf("compute_seconds");
        Assert.Equal(30, days.Count);
        Assert.All(days, d => Assert.Equal((10L, 10m), (d.Aggregate.EventCount, d.Aggregate.Quantity)));
        Assert.Equal(300, snapshot.Meters["compute_seconds"].EventCount);
    }

    [Fact]
    public async Task ReadAsync_HeadWrittenBeforeDays_HasNoDaysAndLaterCommitsAddOnlyTheirOwn()
    {
        var (store, names) = await NewStoreAsync();
        await store.CommitAsync(Partition, [Record(Compute, 1, Jan(3, 0, 0), 10m)], Ct);
        await StripDaysAsync(names);
        var restarted = new UsageStore(azurite.Tables, names, new UsageStoreOptions());
        Assert.Empty((await restarted.ReadAsync(Partition, Ct))!.DaysOf("compute_seconds"));

        await restarted.CommitAsync(Partition, [Record(Compute, 2, Jan(4, 0, 0), 5m)], Ct);

        var snapshot = await restarted.ReadAsync(Partition, Ct);
        Assert.Equal((2L, 15m), (snapshot!.Meters["compute_seconds"].EventCount, snapshot.QuantityOf("compute_seconds")));
        Assert.Equal([(new DateOnly(2026, 1, 4), 1L)], snapshot.DaysOf("compute_seconds").Select(d => (d.Date, d.Aggregate.EventCount)));
    }

    private static DateTimeOffset Jan(int day, int hour, int minute) => new(2026, 1, day, hour, minute, 0, TimeSpan.Zero);

    private static UsageRecord Record(Meter meter, int key, DateTimeOffset at, decimal value) =>
        new((UInt128)(ulong)key + 1, meter, new UsageSample(at, value, string.Empty));

    private static UsageRecord UserRecord(int key, DateTimeOffset at, string user) =>
        new((UInt128)(ulong)key + 1000, Users, new UsageSample(at, 0m, DistinctKey.Format(XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(user)))));

    // What a head written by the code before days looks like: the same row without its Y columns.
    private async Task StripDaysAsync(StorageNames names)
    {
        var table = azurite.Tables.GetTableClient(names.UsageTable);
        var head = (await table.GetEntityAsync<TableEntity>(UsageKeys.Shard(Partition), UsageKeys.Head(Partition), cancellationToken: Ct)).Value;
        Assert.NotNull(head.GetBinary("Y0"));
        foreach (var key in head.Keys.Where(k => k.StartsWith('Y')).ToArray())
        {
            head.Remove(key);
        }

        await table.UpdateEntityAsync(head, ETag.All, TableUpdateMode.Replace, Ct);
    }

    private async Task<(UsageStore Store, StorageNames Names)> NewStoreAsync()
    {
        var names = new StorageNames { Prefix = azurite.UniqueName("s")[..20] };
        var store = new UsageStore(azurite.Tables, names, new UsageStoreOptions());
        await store.InitializeAsync(Ct);
        return (store, names);
    }
}

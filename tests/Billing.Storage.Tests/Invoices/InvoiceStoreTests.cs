using Billing.Domain.Invoicing;
using Billing.Domain.Periods;
using Billing.Domain.Usage;
using Billing.Storage.Invoices;
using Billing.Storage.Ledger;
using Billing.Testing;

namespace Billing.Storage.Tests.Invoices;

/// <summary>The run lock and the invoice rows on a real Azurite: one run per subscription, ETag-guarded steps.</summary>
public sealed class InvoiceStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryStartAsync_FreeLock_StartsOnce_AndASecondStartWithTheSameReadLoses()
    {
        var store = await CreateAsync();
        var free = await store.ReadLockAsync("cus_A", "sub_A", Ct);

        var started = await store.TryStartAsync(free, Invoice("sub_A.1.cycle"), Ct);
        var raced = await store.TryStartAsync(free, Invoice("sub_A.1.threshold1"), Ct);

        Assert.NotNull(started);
        Assert.Null(raced);
        var held = await store.ReadLockAsync("cus_A", "sub_A", Ct);
        Assert.Equal(("sub_A.1.cycle", 1L), (held.ActiveInvoice, held.Runs));
        Assert.Null(await store.GetAsync("cus_A", "sub_A.1.threshold1", Ct));
        // The ETag the transaction answered with is the row's: a step can be written with it.
        Assert.NotNull(await store.TryReplaceAsync(started with { Step = RunStep.Drafted, StripeInvoiceId = "in_1" }, Ct));
    }

    [Fact]
    public async Task TryCompleteAsync_ReleasesTheLock_AndAStaleCopyOfTheInvoiceLoses()
    {
        var store = await CreateAsync();
        var started = (await store.TryStartAsync(await store.ReadLockAsync("cus_A", "sub_A", Ct), Invoice("sub_A.1.cycle"), Ct))!;
        var advanced = (await store.TryReplaceAsync(started with { Step = RunStep.Recorded }, Ct))!;
        var held = await store.ReadLockAsync("cus_A", "sub_A", Ct);

        Assert.False(await store.TryCompleteAsync(started with { Step = RunStep.Completed }, held, Ct)); // stale ETag
        Assert.True(await store.TryCompleteAsync(advanced with { Step = RunStep.Completed, Status = InvoiceStatus.Paid }, held, Ct));

        var free = await store.ReadLockAsync("cus_A", "sub_A", Ct);
        Assert.Null(free.ActiveInvoice);
        Assert.Equal(1, free.Runs);
        var done = (await store.GetAsync("cus_A", "sub_A.1.cycle", Ct))!;
        Assert.Equal((RunStep.Completed, InvoiceStatus.Paid), (done.Step, done.Status));
        Assert.Empty(await ToListAsync(store.ListUnsettledAsync(Ct)));
        Assert.Single(await ToListAsync(store.ListAsync("cus_A", Ct)));
    }

    [Fact]
    public async Task TryWaitAsync_BusyLock_KeepsEachRequestOnce_ChangesTheLock_AndCompletionEmptiesIt()
    {
        var store = await CreateAsync();
        var started = (await store.TryStartAsync(await store.ReadLockAsync("cus_A", "sub_A", Ct), Invoice("sub_A.1.create"), Ct))!;
        var cycle = new InvoiceRunRequest("sub_A", 1, "subscription_cycle");
        var threshold = new InvoiceRunRequest("sub_A", 1, "subscription_threshold");
        var busy = await store.ReadLockAsync("cus_A", "sub_A", Ct);

        Assert.True(await store.TryWaitAsync(busy, cycle, Ct));
        Assert.False(await store.TryWaitAsync(busy, threshold, Ct)); // read before the first wait: decide again
        var waiting = await store.ReadLockAsync("cus_A", "sub_A", Ct);
        Assert.True(await store.TryWaitAsync(waiting, cycle, Ct)); // a redelivery: kept once, but the lock is written
        Assert.NotEqual(waiting.Version, (await store.ReadLockAsync("cus_A", "sub_A", Ct)).Version);
        Assert.True(await store.TryWaitAsync(await store.ReadLockAsync("cus_A", "sub_A", Ct), threshold, Ct));

        var held = await store.ReadLockAsync("cus_A", "sub_A", Ct);
        Assert.Equal([cycle, threshold], held.Waiting);
        Assert.Equal(("sub_A.1.create", 1L), (held.ActiveInvoice, held.Runs));
        // A completion that read the lock before the last wait fails, so it reads the waiting requests again.
        Assert.False(await store.TryCompleteAsync(started with { Step = RunStep.Completed }, waiting, Ct));
        Assert.True(await store.TryCompleteAsync(started with { Step = RunStep.Completed }, held, Ct));
        var free = await store.ReadLockAsync("cus_A", "sub_A", Ct);
        Assert.Equal((null, 1L), (free.ActiveInvoice, free.Runs));
        Assert.Empty(free.Waiting);
    }

    [Fact]
    public async Task UpdateAsync_RowChangedMeanwhile_ReappliesTheChangeToTheFreshRow()
    {
        var store = await CreateAsync();
        var started = (await store.TryStartAsync(await store.ReadLockAsync("cus_A", "sub_A", Ct), Invoice("sub_A.1.cycle"), Ct))!;
        await store.TryReplaceAsync(started with { Status = InvoiceStatus.Open }, Ct); // a webhook got there first

        var updated = await store.UpdateAsync(started, r => r with { Step = RunStep.Drafted, StripeInvoiceId = "in_1" }, Ct);

        Assert.Equal((RunStep.Drafted, InvoiceStatus.Open, "in_1"), (updated.Step, updated.Status, updated.StripeInvoiceId));
    }

    [Fact]
    public async Task RecordAsync_WritesTheLedgerWithTheStep_PerPeriod_KeepingOtherPrices()
    {
        var (store, ledger) = await CreateWithLedgerAsync();
        var first = await FinalizedAsync(store, Invoice("sub_A.1.threshold1", Line("price_compute", 1, 2, 100m, 5), Line("price_api", 1, 2, 10m, 2000)));
        await store.RecordAsync(first, Ct);
        await CompleteAsync(store, first.Id);

        // A cycle invoice: one price of the ended period again (cumulative values), seats of the next period.
        var cycle = await FinalizedAsync(store, Invoice("sub_A.1.cycle", Line("price_compute", 1, 2, 250m, 13), Line("price_seats", 2, 3, 5m, 12_500)));
        var recorded = await store.RecordAsync(cycle, Ct);

        Assert.Equal(RunStep.Recorded, recorded.Step);
        Assert.Equal(RunStep.Recorded, (await store.GetAsync("cus_A", cycle.Id, Ct))!.Step);
        Assert.Equal(
            new Dictionary<string, BilledToDate> { ["price_api"] = new(10m, 2000), ["price_compute"] = new(250m, 13) },
            await ledger.ReadAsync("cus_A", Partition(1, 2), Ct));
        Assert.Equal(new Dictionary<string, BilledToDate> { ["price_seats"] = new(5m, 12_500) }, await ledger.ReadAsync("cus_A", Partition(2, 3), Ct));
        Assert.Empty(await ledger.ReadAsync("cus_A", Partition(3, 4), Ct));
        Assert.Equal(2, (await ToListAsync(store.ListAsync("cus_A", Ct))).Count); // ledger rows are not invoices
    }

    [Fact]
    public async Task RecordAsync_StaleCopyOfARunRecordedLongAgo_WritesNothing_SoTheLedgerNeverGoesBack()
    {
        var (store, ledger) = await CreateWithLedgerAsync();
        var first = await FinalizedAsync(store, Invoice("sub_A.1.threshold1", Line("price_compute", 1, 2, 100m, 5)));
        await store.RecordAsync(first, Ct); // another driver took the run over and recorded it...
        await CompleteAsync(store, first.Id);
        var second = await FinalizedAsync(store, Invoice("sub_A.1.threshold2", Line("price_compute", 1, 2, 300m, 15)));
        await store.RecordAsync(second, Ct); // ...and a later run recorded more

        var stale = await store.RecordAsync(first, Ct); // the first driver wakes up with its old copy

        Assert.NotEqual(RunStep.Finalized, stale.Step);
        Assert.Equal(new BilledToDate(300m, 15), (await ledger.ReadAsync("cus_A", Partition(1, 2), Ct))["price_compute"]);
    }

    [Fact]
    public async Task RecordAsync_RowChangedByAWebhookMeanwhile_RecordsOnTheFreshRow()
    {
        var (store, ledger) = await CreateWithLedgerAsync();
        var finalized = await FinalizedAsync(store, Invoice("sub_A.1.cycle", Line("price_compute", 1, 2, 100m, 5)));
        await store.TryReplaceAsync(finalized with { Status = InvoiceStatus.Paid }, Ct); // invoice.paid arrived first

        var recorded = await store.RecordAsync(finalized, Ct);

        Assert.Equal((RunStep.Recorded, InvoiceStatus.Paid), (recorded.Step, recorded.Status));
        Assert.Equal(new BilledToDate(100m, 5), (await ledger.ReadAsync("cus_A", Partition(1, 2), Ct))["price_compute"]);
        Assert.NotNull(await store.TryReplaceAsync(recorded with { Step = RunStep.Completed }, Ct)); // the ETag returned is the row's
    }

    private async Task<InvoiceStore> CreateAsync() => (await CreateWithLedgerAsync()).Store;

    private async Task<(InvoiceStore Store, BilledUsageStore Ledger)> CreateWithLedgerAsync()
    {
        var names = new StorageNames { Prefix = azurite.UniqueName("inv")[..20] };
        var store = new InvoiceStore(azurite.Tables, names);
        await store.InitializeAsync(Ct);
        return (store, new BilledUsageStore(azurite.Tables, names));
    }

    /// <summary>Starts <paramref name="invoice"/>'s run and moves it to <see cref="RunStep.Finalized"/>, as a driver would.</summary>
    private static async Task<Invoice> FinalizedAsync(InvoiceStore store, Invoice invoice)
    {
        var started = await store.TryStartAsync(await store.ReadLockAsync("cus_A", "sub_A", Ct), invoice, Ct)
            ?? throw new InvalidOperationException("The run lock is taken.");
        return (await store.TryReplaceAsync(started with { Step = RunStep.Finalized, Status = InvoiceStatus.Open }, Ct))!;
    }

    private static async Task CompleteAsync(InvoiceStore store, string invoiceId)
    {
        var current = (await store.GetAsync("cus_A", invoiceId, Ct))!;
        Assert.True(await store.TryCompleteAsync(current with { Step = RunStep.Completed }, await store.ReadLockAsync("cus_A", "sub_A", Ct), Ct));
    }

    private static UsagePartition Partition(long start, long end) =>
        new("sub_A", new BillingPeriod(DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(end)));

    private static BilledLine Line(string price, long start, long end, decimal cumulativeQuantity, long cumulativeAmount) =>
        new(price, price == "price_seats" ? null : "meter", cumulativeQuantity, cumulativeAmount, start, end, cumulativeQuantity, cumulativeAmount);

    private static Invoice Invoice(string id, params BilledLine[] lines) => new(
        id, "cus_A", "sub_A", BillingReason.SubscriptionCycle, 1, 2, "usd",
        lines.Length > 0 ? lines : [new BilledLine("price_compute", "compute_seconds", 12.5m, 13, 1, 2, 12.5m, 13)],
        InvoiceStatus.Draft, RunStep.Built, null, 0, null, null, DateTimeOffset.UnixEpoch, default);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

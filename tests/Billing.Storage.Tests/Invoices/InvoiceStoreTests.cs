using Billing.Domain.Invoicing;
using Billing.Storage.Invoices;
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
    public async Task UpdateAsync_RowChangedMeanwhile_ReappliesTheChangeToTheFreshRow()
    {
        var store = await CreateAsync();
        var started = (await store.TryStartAsync(await store.ReadLockAsync("cus_A", "sub_A", Ct), Invoice("sub_A.1.cycle"), Ct))!;
        await store.TryReplaceAsync(started with { Status = InvoiceStatus.Open }, Ct); // a webhook got there first

        var updated = await store.UpdateAsync(started, r => r with { Step = RunStep.Drafted, StripeInvoiceId = "in_1" }, Ct);

        Assert.Equal((RunStep.Drafted, InvoiceStatus.Open, "in_1"), (updated.Step, updated.Status, updated.StripeInvoiceId));
    }

    private async Task<InvoiceStore> CreateAsync()
    {
        var store = new InvoiceStore(azurite.Tables, new StorageNames { Prefix = azurite.UniqueName("inv")[..20] });
        await store.InitializeAsync(Ct);
        return store;
    }

    private static InvoiceRecord Invoice(string id) => new(
        id, "cus_A", "sub_A", BillingReason.SubscriptionCycle, 1, 2, "usd",
        [new InvoiceLineRecord("price_compute", "compute_seconds", 12.5m, 13, 1, 2, 12.5m, 13)],
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

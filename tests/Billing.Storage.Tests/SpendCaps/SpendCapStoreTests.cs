using Billing.Domain.Catalog;
using Billing.Domain.Subscriptions;
using Billing.Storage.SpendCaps;
using Billing.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Storage.Tests.SpendCaps;

public sealed class SpendCapStoreTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CapOfAsync_PutOnAnotherInstance_SeenAtOnceThereAndHereOnceTheTtlPassed()
    {
        var names = new StorageNames { Prefix = azurite.UniqueName("c")[..20] };
        var clock = new FakeTimeProvider();
        var here = await NewStoreAsync(names, clock);
        var there = await NewStoreAsync(names, clock);
        var subscription = Subscription(catalogCap: 700);
        Assert.Equal(700, await here.CapOfAsync(subscription, Ct)); // no row: the catalog's cap

        await there.SetAsync(subscription.Id, 1200, Ct);
        var thereAtOnce = await there.CapOfAsync(subscription, Ct);
        clock.Advance(Ttl - TimeSpan.FromTicks(1));
        var hereWithinTtl = await here.CapOfAsync(subscription, Ct);
        clock.Advance(TimeSpan.FromTicks(1));
        var hereAfterTtl = await here.CapOfAsync(subscription, Ct);

        Assert.Equal((1200L, 700L, 1200L), (thereAtOnce!.Value, hereWithinTtl!.Value, hereAfterTtl!.Value));
    }

    [Fact]
    public async Task SetAsync_Null_NoCapOverTheCatalogs()
    {
        var names = new StorageNames { Prefix = azurite.UniqueName("c")[..20] };
        var store = await NewStoreAsync(names, new FakeTimeProvider());
        var subscription = Subscription(catalogCap: 700);

        await store.SetAsync(subscription.Id, null, Ct);

        Assert.Null(await store.CapOfAsync(subscription, Ct));
        Assert.Equal(700, await store.CapOfAsync(Subscription(catalogCap: 700, customer: "cus_B"), Ct));
    }

    private async Task<SpendCapStore> NewStoreAsync(StorageNames names, TimeProvider clock)
    {
        var store = new SpendCapStore(azurite.Tables, names, new SpendCapOptions { CacheTtl = Ttl }, clock);
        await store.InitializeAsync(Ct);
        return store;
    }

    private static Subscription Subscription(long catalogCap, string customer = "cus_A") =>
        CatalogLoader.Parse(TestCatalogs.Standard(customer).Replace(
            "\"billing_thresholds\":{\"amount_gte\":10000},",
            $"\"billing_thresholds\":{{\"amount_gte\":10000}},\"spend_cap\":{{\"amount\":{catalogCap}}},",
            StringComparison.Ordinal)).Subscriptions[0];
}

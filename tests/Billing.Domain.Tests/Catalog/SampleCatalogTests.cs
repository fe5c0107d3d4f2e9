using Billing.Domain.Catalog;
using Billing.Domain.Meters;
using Billing.Domain.Monetary;

namespace Billing.Domain.Tests.Catalog;

public sealed class SampleCatalogTests
{
    [Fact]
    public void Load_SampleCatalog_LoadsEveryMeterPriceAndSubscription()
    {
        var catalog = CatalogLoader.Load(CatalogJson.SamplePath());

        Assert.Equal(
            [
                ("compute_seconds", AggregationFormula.Sum), ("api_calls", AggregationFormula.Count),
                ("storage_gb", AggregationFormula.Max), ("active_users", AggregationFormula.UniqueCount),
                ("gpu_temp_last", AggregationFormula.Last),
            ],
            catalog.Meters.Select(m => (m.EventName, m.Formula)));
        Assert.All(catalog.Prices, p => Assert.Equal(Currency.Usd, p.Currency));
        Assert.Equal(["cus_A", "cus_B", "cus_C"], catalog.Customers.Select(c => c.Id));
        var anchor = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.All(catalog.Subscriptions, s => Assert.Equal(anchor, s.BillingCycleAnchor));
        Assert.Contains(catalog.Subscriptions, s => s.ThresholdAmountGte == 10_000);
        Assert.Equal("sub_B", catalog.SubscriptionFor("cus_B", "gpu_temp_last")?.Id);
    }

    [Fact]
    public void Load_SampleCatalog_PricesAsDocumented()
    {
        var catalog = CatalogLoader.Load(CatalogJson.SamplePath());

        Assert.Equal(50, catalog.FindPrice("price_compute")!.PriceOf(1000).AmountMinor); // 0.05 cent per second
        Assert.Equal(2000, catalog.FindPrice("price_api_calls")!.PriceOf(0).AmountMinor); // base fee
        Assert.Equal(1000, catalog.FindPrice("price_storage")!.PriceOf(1).AmountMinor); // one started 100 GB
        Assert.Equal(8800, catalog.FindPrice("price_active_users")!.PriceOf(11).AmountMinor); // all 11 at 8.00
        Assert.Equal(2500, catalog.FindPrice("price_seats")!.PriceOf(1).AmountMinor);
    }
}

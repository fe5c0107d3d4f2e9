using Billing.Domain.Catalog;
using Billing.Domain.Meters;
using Billing.Domain.Monetary;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Tests.Catalog;

public sealed class BillingCatalogTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Meter Calls = new("m_calls", "api_calls", AggregationFormula.Count);
    private static readonly Price CallsPrice = new(
        "p_calls",
        Currency.Usd,
        new PerUnitModel(Money.FromMinorUnits(1, Currency.Usd)),
        new Recurring(BillingInterval.Month, 1, UsageType.Metered, "m_calls"));

    private static readonly Customer Acme = new("cus_A");

    [Fact]
    public void Constructor_ValidParts_RoutesCustomerAndMeterToSubscription()
    {
        var subscription = Metered("sub_1");

        var catalog = new BillingCatalog([Calls], [CallsPrice], [Acme], [subscription]);

        Assert.Same(subscription, catalog.SubscriptionFor("cus_A", "m_calls"));
        Assert.Same(Calls, catalog.MeterForEventName("api_calls"));
    }

    [Fact]
    public void Constructor_TwoSubscriptionsOfOneCustomerOnOneMeter_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BillingCatalog([Calls], [CallsPrice], [Acme], [Metered("sub_1"), Metered("sub_2")]));
    }

    [Fact]
    public void Constructor_DuplicateEventName_Throws()
    {
        var twin = new Meter("m_twin", "api_calls", AggregationFormula.Sum);

        Assert.Throws<ArgumentException>(() => new BillingCatalog([Calls, twin], [], [], []));
    }

    [Fact]
    public void Constructor_SubscriptionOfUnknownCustomer_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BillingCatalog([Calls], [CallsPrice], [], [Metered("sub_1")]));
    }

    [Fact]
    public void Empty_HasNothing_LookupsReturnNull()
    {
        Assert.Empty(BillingCatalog.Empty.Meters);
        Assert.Null(BillingCatalog.Empty.SubscriptionFor("cus_A", "m_calls"));
    }

    private static Subscription Metered(string id) =>
        new(id, "cus_A", Anchor, [new SubscriptionItem(CallsPrice, meter: Calls)]);
}

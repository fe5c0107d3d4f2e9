using Billing.Domain.Invoicing;
using Billing.Domain.Monetary;
using Billing.Domain.Tests.Builders;

namespace Billing.Domain.Tests.Invoicing;

public sealed class InvoicerRoundingTests
{
    [Fact]
    public void Cycle_SubCentUnitPrice_RoundsLineOnceNotPerEvent()
    {
        // 0.4 cent per unit, ten events of one unit each: rounding each event would bill 0.
        var price = TestCatalog.PerUnit("compute", 0.4m);
        var subscription = new SubscriptionBuilder().WithMetered(price).Build();
        var perEvent = Enumerable.Repeat(1m, 10).Sum(q => price.PriceOf(q).AmountMinor);

        var invoice = Invoicer.Cycle(subscription, new PeriodUsageBuilder(subscription.Schedule.PeriodAt(0)).WithUsage("compute", 10m).Build());

        Assert.Equal(0, perEvent);
        Assert.Equal(4, Assert.Single(invoice.Lines).AmountMinor);
    }

    [Theory]
    [InlineData(0.5, 1, 1)]          // 0.5 → 1 (banker's: 0)
    [InlineData(0.5, 5, 3)]          // 2.5 → 3 (banker's: 2)
    [InlineData(0.5, 3, 2)]          // 1.5 → 2
    [InlineData(0.45, 10, 5)]        // 4.5 → 5 (banker's: 4)
    [InlineData(0.0137, 182.5, 3)]   // 2.50025 → 3
    [InlineData(0.0137, 182, 2)]     // 2.4934 → 2
    [InlineData(0.499999, 1, 0)]     // just below the midpoint
    public void Cycle_SubCentUnitPrice_RoundsHalfAwayFromZero(double unitAmountMinor, double quantity, long expectedMinor)
    {
        var subscription = new SubscriptionBuilder().WithMetered(TestCatalog.PerUnit("compute", (decimal)unitAmountMinor)).Build();
        var usage = new PeriodUsageBuilder(subscription.Schedule.PeriodAt(0)).WithUsage("compute", (decimal)quantity).Build();

        var invoice = Invoicer.Cycle(subscription, usage);

        Assert.Equal(expectedMinor, invoice.TotalMinor);
    }

    [Fact]
    public void Cycle_JpySubYenUnitPrice_RoundsToWholeYen()
    {
        var subscription = new SubscriptionBuilder().WithMetered(TestCatalog.PerUnit("compute", 0.5m, Currency.Jpy)).Build();
        var usage = new PeriodUsageBuilder(subscription.Schedule.PeriodAt(0)).WithUsage("compute", 3m).Build();

        var invoice = Invoicer.Cycle(subscription, usage);

        // 1.5 yen → 2 yen; JPY has no minor unit, so no factor 100 anywhere.
        Assert.Equal(2, invoice.TotalMinor);
    }

    [Fact]
    public void Cycle_SubCentPriceAfterThreshold_BillsRoundedTotalMinusBilled()
    {
        // Half a cent per unit, threshold 1 cent: pricing each invoice's delta on its own would
        // round 0.5 up twice and bill 2 cents for 1 cent of usage.
        var subscription = new SubscriptionBuilder().WithThreshold(1).WithMetered(TestCatalog.PerUnit("compute", 0.5m)).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var ledger = new BillingLedger();
        var threshold = Invoicer.Threshold(subscription, ledger.UsageOf(period0, new Dictionary<string, decimal> { ["compute"] = 1m }));
        Assert.NotNull(threshold);
        ledger.Record(threshold);

        var cycle = Invoicer.Cycle(subscription, ledger.UsageOf(period0, new Dictionary<string, decimal> { ["compute"] = 2m }));

        Assert.Equal(1, threshold.TotalMinor);
        var line = Assert.Single(cycle.Lines);
        Assert.Equal((1m, 0L), (line.Quantity, line.AmountMinor));
    }
}

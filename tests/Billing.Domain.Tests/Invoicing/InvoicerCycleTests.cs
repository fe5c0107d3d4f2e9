using Billing.Domain.Invoicing;
using Billing.Domain.Meters;
using Billing.Domain.Monetary;
using Billing.Domain.Pricing;
using Billing.Domain.Tests.Builders;

namespace Billing.Domain.Tests.Invoicing;

public sealed class InvoicerCycleTests
{
    // 0.10 per unit up to 100, then 0.05.
    private static readonly Price Gpu = TestCatalog.Graduated("gpu", (100m, 10m, 0m), (null, 5m, 0m));

    [Fact]
    public void Cycle_AfterThresholdInvoice_BillsUsageInArrearsMinusThresholdBilled()
    {
        var subscription = new SubscriptionBuilder().WithThreshold(500).WithMetered(Gpu).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var ledger = new BillingLedger();
        var threshold = Invoicer.Threshold(subscription, ledger.UsageOf(period0, new Dictionary<string, decimal> { ["gpu"] = 60m }));
        Assert.NotNull(threshold);
        ledger.Record(threshold);

        var invoice = Invoicer.Cycle(subscription, ledger.UsageOf(period0, new Dictionary<string, decimal> { ["gpu"] = 150m }));

        Assert.Equal(BillingReason.SubscriptionCycle, invoice.Reason);
        Assert.Equal(period0, invoice.Period);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(("price_gpu", "gpu", period0), (line.PriceId, line.MeterId, line.Period));
        Assert.Equal(90m, line.Quantity);
        Assert.Equal(650, line.AmountMinor);
        Assert.Equal(1250, threshold.TotalMinor + invoice.TotalMinor);
    }

    [Fact]
    public void Cycle_Seats_BilledInAdvanceForNextPeriod()
    {
        var subscription = new SubscriptionBuilder()
            .WithSeats(TestCatalog.Seats("price_seats", 2500), quantity: 3)
            .WithMetered(TestCatalog.PerUnit("compute", 100))
            .Build();
        var period1 = subscription.Schedule.PeriodAt(1);

        var invoice = Invoicer.Cycle(subscription, new PeriodUsageBuilder(period1).WithUsage("compute", 7m).Build());

        Assert.Equal(period1, invoice.Period);
        var seats = Assert.Single(invoice.Lines, l => l.MeterId is null);
        Assert.Equal(subscription.Schedule.PeriodAt(2), seats.Period);
        Assert.Equal((3m, 7500L), (seats.Quantity, seats.AmountMinor));
        var usage = Assert.Single(invoice.Lines, l => l.MeterId is not null);
        Assert.Equal(period1, usage.Period);
        Assert.Equal(700, usage.AmountMinor);
    }

    [Fact]
    public void Cycle_LastMeterAndVolumePrice_BilledInFull()
    {
        var subscription = new SubscriptionBuilder()
            .WithMetered(TestCatalog.PerUnit("instances", 300), AggregationFormula.Last)
            .WithMetered(TestCatalog.Volume("egress", (1000m, 2m, 0m), (null, 1m, 5000m)))
            .Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var usage = new PeriodUsageBuilder(period0).WithUsage("instances", 7m).WithUsage("egress", 1500m).Build();

        var invoice = Invoicer.Cycle(subscription, usage);

        Assert.Equal(
            [("price_instances", 7m, 2100L), ("price_egress", 1500m, 6500L)],
            invoice.Lines.Select(l => (l.PriceId, l.Quantity, l.AmountMinor)));
    }

    [Fact]
    public void Cycle_LateUsageForEarlierPeriod_AddsSeparateLineNamingOriginalPeriod()
    {
        var subscription = new SubscriptionBuilder()
            .WithSeats(TestCatalog.Seats("price_seats", 1000), quantity: 1)
            .WithMetered(Gpu)
            .Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var period1 = subscription.Schedule.PeriodAt(1);
        // Period 0 closed at 150 units (12.50); 100 more arrive after its cycle invoice.
        var late = new PeriodUsageBuilder(period0).WithUsage("gpu", 250m).WithBilled("price_gpu", 150m, 1250).Build();
        var ended = new PeriodUsageBuilder(period1).WithUsage("gpu", 30m).Build();

        var invoice = Invoicer.Cycle(subscription, ended, [late]);

        Assert.Equal(period1, invoice.Period);
        Assert.Equal(
            [(period0, "price_gpu", 100m, 500L), (period1, "price_gpu", 30m, 300L), (subscription.Schedule.PeriodAt(2), "price_seats", 1m, 1000L)],
            invoice.Lines.Select(l => (l.Period, l.PriceId, l.Quantity, l.AmountMinor)));
        // Prefix rule against the tiers of period 0: price(250) = 10.00 + 7.50, not 100 × 0.10 afresh.
        Assert.Equal(new BilledToDate(250m, 1750), invoice.Lines[0].Cumulative);
    }

    [Fact]
    public void Cycle_LateCorrectionPricingLower_YieldsNegativeAmount()
    {
        // Volume: 2 cents each up to 1000 units, 1 cent each for every unit above that.
        var subscription = new SubscriptionBuilder()
            .WithMetered(TestCatalog.Volume("egress", (1000m, 2m, 0m), (null, 1m, 0m)))
            .Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var late = new PeriodUsageBuilder(period0).WithUsage("egress", 1500m).WithBilled("price_egress", 1000m, 2000).Build();

        var invoice = Invoicer.Cycle(subscription, new PeriodUsageBuilder(subscription.Schedule.PeriodAt(1)).Build(), [late]);

        var line = Assert.Single(invoice.Lines);
        Assert.Equal(period0, line.Period);
        Assert.Equal(500m, line.Quantity);
        Assert.Equal(-500, line.AmountMinor);
        Assert.Equal(-500, invoice.TotalMinor);
    }

    [Fact]
    public void Cycle_LateLastValueLower_YieldsCredit()
    {
        var subscription = new SubscriptionBuilder()
            .WithMetered(TestCatalog.PerUnit("instances", 300), AggregationFormula.Last)
            .Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var late = new PeriodUsageBuilder(period0).WithUsage("instances", 3m).WithBilled("price_instances", 7m, 2100).Build();

        var invoice = Invoicer.Cycle(subscription, new PeriodUsageBuilder(subscription.Schedule.PeriodAt(1)).Build(), [late]);

        var line = Assert.Single(invoice.Lines);
        Assert.Equal((period0, -4m, -1200L), (line.Period, line.Quantity, line.AmountMinor));
    }

    [Fact]
    public void Cycle_LateUsageUnchanged_AddsNoLine()
    {
        var subscription = new SubscriptionBuilder().WithMetered(Gpu).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var late = new PeriodUsageBuilder(period0).WithUsage("gpu", 150m).WithBilled("price_gpu", 150m, 1250).Build();

        var invoice = Invoicer.Cycle(subscription, new PeriodUsageBuilder(subscription.Schedule.PeriodAt(1)).Build(), [late]);

        Assert.Empty(invoice.Lines);
    }

    [Theory]
    [InlineData(TiersMode.Graduated)]
    [InlineData(TiersMode.Volume)]
    public void Cycle_ZeroUsageWithBaseFee_ChargesFirstTierFlatAmount(TiersMode mode)
    {
        var price = TestCatalog.Tiered("price_gpu", mode, Currency.Usd, TestCatalog.Metered("gpu"), [(100m, 10m, 2000m), (null, 5m, 500m)]);
        var subscription = new SubscriptionBuilder().WithMetered(price).Build();
        var period0 = subscription.Schedule.PeriodAt(0);

        var invoice = Invoicer.Cycle(subscription, new PeriodUsageBuilder(period0).Build());

        var line = Assert.Single(invoice.Lines);
        Assert.Equal((period0, 0m, 2000L), (line.Period, line.Quantity, line.AmountMinor));
    }

    [Fact]
    public void Cycle_ZeroUsageWithoutBaseFee_LeavesLineOut()
    {
        var subscription = new SubscriptionBuilder().WithMetered(Gpu).Build();

        var invoice = Invoicer.Cycle(subscription, new PeriodUsageBuilder(subscription.Schedule.PeriodAt(0)).Build());

        Assert.Empty(invoice.Lines);
    }

    [Fact]
    public void Cycle_BaseFeeAlreadyBilledByThreshold_NotChargedAgain()
    {
        // 20.00 base fee in tier 1, then 0.10 per unit; threshold 25.00.
        var subscription = new SubscriptionBuilder()
            .WithThreshold(2500)
            .WithMetered(TestCatalog.Graduated("gpu", (null, 10m, 2000m)))
            .Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var ledger = new BillingLedger();
        var threshold = Invoicer.Threshold(subscription, ledger.UsageOf(period0, new Dictionary<string, decimal> { ["gpu"] = 50m }));
        Assert.NotNull(threshold);
        Assert.Equal(2500, threshold.TotalMinor);
        ledger.Record(threshold);

        var cycle = Invoicer.Cycle(subscription, ledger.UsageOf(period0, new Dictionary<string, decimal> { ["gpu"] = 60m }));

        Assert.Equal(100, Assert.Single(cycle.Lines).AmountMinor);
    }
}

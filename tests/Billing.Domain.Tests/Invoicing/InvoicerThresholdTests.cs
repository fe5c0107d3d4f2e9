using Billing.Domain.Invoicing;
using Billing.Domain.Meters;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Tests.Builders;

namespace Billing.Domain.Tests.Invoicing;

public sealed class InvoicerThresholdTests
{
    private static readonly Price Compute = TestCatalog.PerUnit("compute", unitAmountMinor: 100);

    private static Subscription ComputeOnly(long amountGte = 10_000) =>
        new SubscriptionBuilder().WithThreshold(amountGte).WithMetered(Compute).Build();

    private static PeriodUsageBuilder Period0Usage(Subscription subscription) => new(subscription.Schedule.PeriodAt(0));

    [Fact]
    public void Threshold_BelowAmountGte_ReturnsNull()
    {
        var subscription = ComputeOnly();
        var usage = Period0Usage(subscription).WithUsage("compute", 99.99m).Build();

        Assert.Equal(9999, Invoicer.UnbilledEligibleMinor(subscription, usage));
        Assert.Null(Invoicer.Threshold(subscription, usage));
    }

    [Fact]
    public void Threshold_ExactlyAtAmountGte_ReturnsInvoiceForWholePeriod()
    {
        var subscription = ComputeOnly();
        var usage = Period0Usage(subscription).WithUsage("compute", 100m).Build();

        var invoice = Invoicer.Threshold(subscription, usage);

        Assert.NotNull(invoice);
        Assert.Equal(BillingReason.SubscriptionThreshold, invoice.Reason);
        Assert.Equal(subscription.Schedule.PeriodAt(0), invoice.Period);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(("price_compute", "compute"), (line.PriceId, line.MeterId));
        Assert.Equal(subscription.Schedule.PeriodAt(0), line.Period);
        Assert.Equal(100m, line.Quantity);
        Assert.Equal(10_000, line.AmountMinor);
        Assert.Equal(new BilledToDate(100m, 10_000), line.Cumulative);
    }

    [Fact]
    public void Threshold_UsageFarBeyondAmountGte_BillsEverythingUnbilledInOneInvoice()
    {
        var subscription = ComputeOnly();
        var period = subscription.Schedule.PeriodAt(0);
        var ledger = new BillingLedger();
        var quantities = new Dictionary<string, decimal> { ["compute"] = 1_000_000.5m };

        var invoice = Invoicer.Threshold(subscription, ledger.UsageOf(period, quantities));

        Assert.NotNull(invoice);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(1_000_000.5m, line.Quantity);
        Assert.Equal(100_000_050, invoice.TotalMinor);

        // Once recorded, nothing is left: the overshoot does not produce a second invoice.
        ledger.Record(invoice);
        Assert.Equal(0, Invoicer.UnbilledEligibleMinor(subscription, ledger.UsageOf(period, quantities)));
        Assert.Null(Invoicer.Threshold(subscription, ledger.UsageOf(period, quantities)));
    }

    [Fact]
    public void Threshold_SeatsOnSubscription_NeitherBilledNorCounted()
    {
        var subscription = new SubscriptionBuilder()
            .WithSeats(TestCatalog.Seats("price_seats", 5000), quantity: 10) // 500.00 of seats, above the 100.00 threshold
            .WithMetered(Compute)
            .Build();
        var period = subscription.Schedule.PeriodAt(0);

        var below = new PeriodUsageBuilder(period).WithUsage("compute", 50m).Build();
        Assert.Equal(5000, Invoicer.UnbilledEligibleMinor(subscription, below));
        Assert.Null(Invoicer.Threshold(subscription, below));

        var invoice = Invoicer.Threshold(subscription, new PeriodUsageBuilder(period).WithUsage("compute", 150m).Build());
        Assert.NotNull(invoice);
        Assert.All(invoice.Lines, l => Assert.NotNull(l.MeterId));
        Assert.Equal(15_000, invoice.TotalMinor);
    }

    [Fact]
    public void Threshold_LastMeterAndVolumePrice_NeitherBilledNorCounted()
    {
        var subscription = new SubscriptionBuilder()
            .WithMetered(Compute)
            .WithMetered(TestCatalog.PerUnit("instances", 10_000), AggregationFormula.Last)
            .WithMetered(TestCatalog.Volume("egress", (1000m, 2m, 0m), (null, 1m, 0m)))
            .Build();
        var period = subscription.Schedule.PeriodAt(0);
        var usage = new PeriodUsageBuilder(period)
            .WithUsage("compute", 10m)        //   1000
            .WithUsage("instances", 5m)       //  50000 if it counted
            .WithUsage("egress", 1_000_000m)  // 1000000 if it counted
            .Build();

        Assert.Equal(1000, Invoicer.UnbilledEligibleMinor(subscription, usage));
        Assert.Null(Invoicer.Threshold(subscription, usage));

        var over = new PeriodUsageBuilder(period)
            .WithUsage("compute", 100m)
            .WithUsage("instances", 5m)
            .WithUsage("egress", 1_000_000m)
            .Build();
        var invoice = Invoicer.Threshold(subscription, over);
        Assert.NotNull(invoice);
        Assert.Equal(["price_compute"], invoice.Lines.Select(l => l.PriceId));
        Assert.Equal(10_000, invoice.TotalMinor);
    }

    [Theory]
    [InlineData(AggregationFormula.Sum, false, true)]
    [InlineData(AggregationFormula.Count, false, true)]
    [InlineData(AggregationFormula.Max, false, true)]
    [InlineData(AggregationFormula.UniqueCount, false, true)]
    [InlineData(AggregationFormula.Last, false, false)]
    [InlineData(AggregationFormula.Sum, true, false)]
    public void Threshold_MeterFormula_EligibleOnlyWhenMonotonic(AggregationFormula formula, bool allowNegative, bool eligible)
    {
        var subscription = new SubscriptionBuilder().WithMetered(Compute, formula, allowNegative).Build();
        var usage = Period0Usage(subscription).WithUsage("compute", 250m).Build();

        var invoice = Invoicer.Threshold(subscription, usage);

        Assert.Equal(eligible ? 25_000 : 0, Invoicer.UnbilledEligibleMinor(subscription, usage));
        Assert.Equal(eligible, invoice is not null);
    }

    [Fact]
    public void Threshold_PackagePrice_LineQuantityIsRawUsageSinceLastBilled()
    {
        // 5.00 per started package of 1000 units; threshold 10.00.
        var subscription = new SubscriptionBuilder()
            .WithThreshold(1000)
            .WithMetered(TestCatalog.Package("storage", 500m, divideBy: 1000))
            .Build();
        var period = subscription.Schedule.PeriodAt(0);
        var ledger = new BillingLedger();

        var first = Invoicer.Threshold(subscription, ledger.UsageOf(period, Usage("storage", 1500m)));
        Assert.NotNull(first);
        var firstLine = Assert.Single(first.Lines);
        Assert.Equal(1500m, firstLine.Quantity);
        Assert.Equal(2m, firstLine.Breakdown.BilledQuantity);
        Assert.Equal(1000, firstLine.AmountMinor);
        ledger.Record(first);

        // 3 packages: 5.00 unbilled, below the threshold.
        Assert.Null(Invoicer.Threshold(subscription, ledger.UsageOf(period, Usage("storage", 2600m))));

        var second = Invoicer.Threshold(subscription, ledger.UsageOf(period, Usage("storage", 4001m)));
        Assert.NotNull(second);
        var secondLine = Assert.Single(second.Lines);
        Assert.Equal(2501m, secondLine.Quantity);
        Assert.Equal(1500, secondLine.AmountMinor);
        Assert.Equal(new BilledToDate(4001m, 2500), secondLine.Cumulative);
    }

    [Fact]
    public void Threshold_SecondInvoiceOnGraduatedPrice_BillsDeltaWithoutRestartingTiers()
    {
        // 0.10 per unit up to 100, then 0.05; threshold 5.00.
        var subscription = new SubscriptionBuilder()
            .WithThreshold(500)
            .WithMetered(TestCatalog.Graduated("gpu", (100m, 10m, 0m), (null, 5m, 0m)))
            .Build();
        var period = subscription.Schedule.PeriodAt(0);
        var ledger = new BillingLedger();

        var first = Invoicer.Threshold(subscription, ledger.UsageOf(period, Usage("gpu", 60m)));
        Assert.NotNull(first);
        Assert.Equal((60m, 600L), (first.Lines[0].Quantity, first.Lines[0].AmountMinor));
        ledger.Record(first);

        var second = Invoicer.Threshold(subscription, ledger.UsageOf(period, Usage("gpu", 150m)));

        // price(150) = 100 × 0.10 + 50 × 0.05 = 12.50; minus 6.00 already billed. Restarting the
        // tiers would have billed 90 × 0.10 = 9.00.
        Assert.NotNull(second);
        var line = Assert.Single(second.Lines);
        Assert.Equal(90m, line.Quantity);
        Assert.Equal(650, line.AmountMinor);
        Assert.Equal(new BilledToDate(150m, 1250), line.Cumulative);
    }

    [Fact]
    public void Threshold_GraduatedFlatAmountOfLaterTier_BilledOnceWhenTierIsReached()
    {
        // Tier 2 adds a flat 3.00 when usage passes 10 units; threshold 1.00.
        var subscription = new SubscriptionBuilder()
            .WithThreshold(100)
            .WithMetered(TestCatalog.Graduated("gpu", (10m, 10m, 0m), (null, 10m, 300m)))
            .Build();
        var period = subscription.Schedule.PeriodAt(0);
        var ledger = new BillingLedger();

        var first = Invoicer.Threshold(subscription, ledger.UsageOf(period, Usage("gpu", 10m)));
        Assert.NotNull(first);
        Assert.Equal(100, first.TotalMinor);
        ledger.Record(first);

        var second = Invoicer.Threshold(subscription, ledger.UsageOf(period, Usage("gpu", 11m)));
        Assert.NotNull(second);
        Assert.Equal(310, second.TotalMinor);
        ledger.Record(second);

        var third = Invoicer.Threshold(subscription, ledger.UsageOf(period, Usage("gpu", 21m)));
        Assert.NotNull(third);
        Assert.Equal(100, third.TotalMinor);
    }

    [Fact]
    public void Threshold_UnchangedPriceAmongChangedOnes_LeftOut()
    {
        var subscription = new SubscriptionBuilder()
            .WithThreshold(100)
            .WithMetered(Compute)
            .WithMetered(TestCatalog.PerUnit("storage", 100))
            .Build();
        var period = subscription.Schedule.PeriodAt(0);
        var usage = new PeriodUsageBuilder(period)
            .WithUsage("compute", 5m)
            .WithUsage("storage", 2m)
            .WithBilled("price_storage", 2m, 200)
            .Build();

        var invoice = Invoicer.Threshold(subscription, usage);

        Assert.NotNull(invoice);
        Assert.Equal(["price_compute"], invoice.Lines.Select(l => l.PriceId));
    }

    private static Dictionary<string, decimal> Usage(string meterId, decimal quantity) => new() { [meterId] = quantity };
}

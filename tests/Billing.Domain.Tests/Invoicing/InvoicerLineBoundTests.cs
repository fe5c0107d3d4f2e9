using Billing.Domain.Invoicing;
using Billing.Domain.Meters;
using Billing.Domain.Pricing;
using Billing.Domain.Tests.Builders;

namespace Billing.Domain.Tests.Invoicing;

/// <summary>
/// A line whose price is beyond <see cref="LineAmounts.MaxMinor"/> cannot be billed: the invoice is
/// built without it and lists it in <see cref="InvoiceDraft.Unbillable"/>, and the rest stands.
/// </summary>
public sealed class InvoicerLineBoundTests
{
    /// <summary>The largest value an event may carry (docs/contracts.md §1).</summary>
    private const decimal LargestValue = 999_999_999_999_999m;

    private static readonly Price Seats = TestCatalog.Seats("price_seats", 2500);
    private static readonly Price Compute = TestCatalog.PerUnit("compute", 100);

    [Fact]
    public void Cycle_LastValuePricedPastWhatALongHolds_LeftOutAndListedWhileSeatsAndOtherUsageAreBilled()
    {
        // USD 100 a unit: the largest accepted value prices to about 10^19 minor units.
        var gauge = TestCatalog.PerUnit("gauge", 10_000);
        var subscription = new SubscriptionBuilder().WithSeats(Seats, quantity: 3).WithMetered(Compute).WithMetered(gauge, AggregationFormula.Last).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var usage = new PeriodUsageBuilder(period0).WithUsage("compute", 7m).WithUsage("gauge", LargestValue).Build();

        var invoice = Invoicer.Cycle(subscription, usage);

        Assert.Equal([("price_compute", 700L), ("price_seats", 7500L)], invoice.Lines.Select(l => (l.PriceId, l.AmountMinor)));
        var left = Assert.Single(invoice.Unbillable);
        Assert.Equal(("price_gauge", "gauge", period0, LargestValue, "amount_out_of_range"), (left.PriceId, left.MeterId, left.Period, left.Quantity, left.Reason));
        Assert.Contains("price price_gauge: a quantity of 999999999999999 prices to", left.Message, StringComparison.Ordinal);
        Assert.Contains("beyond the largest line amount of 9999999999.99 usd (999999999999 minor units)", left.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_UsageOneMinorUnitPastTheBound_LeftOut()
    {
        var gauge = TestCatalog.PerUnit("gauge", 1);
        var subscription = new SubscriptionBuilder().WithMetered(gauge, AggregationFormula.Last).WithMetered(Compute).Build();
        var period0 = subscription.Schedule.PeriodAt(0);

        var atBound = Invoicer.Cycle(subscription, new PeriodUsageBuilder(period0).WithUsage("gauge", 999_999_999_999m).Build());
        var beyond = Invoicer.Cycle(subscription, new PeriodUsageBuilder(period0).WithUsage("gauge", 1_000_000_000_000m).WithUsage("compute", 1m).Build());

        Assert.Equal(LineAmounts.MaxMinor, Assert.Single(atBound.Lines).AmountMinor);
        Assert.Empty(atBound.Unbillable);
        Assert.Equal("price_compute", Assert.Single(beyond.Lines).PriceId);
        Assert.Equal(1_000_000_000_000m, Assert.Single(beyond.Unbillable).Quantity);
    }

    [Fact]
    public void Cycle_EveryLinePastTheBound_NoLinesAndEveryOneListed()
    {
        var gauge = TestCatalog.PerUnit("gauge", 10_000);
        var subscription = new SubscriptionBuilder().WithMetered(gauge, AggregationFormula.Last).Build();
        var period0 = subscription.Schedule.PeriodAt(0);

        var invoice = Invoicer.Cycle(subscription, new PeriodUsageBuilder(period0).WithUsage("gauge", LargestValue).Build());

        Assert.Empty(invoice.Lines);
        Assert.Equal(0, invoice.TotalMinor);
        Assert.Equal("price_gauge", Assert.Single(invoice.Unbillable).PriceId);
    }

    [Fact]
    public void Cycle_LateUsagePastTheBound_LateLineListedWithItsOriginalPeriod()
    {
        var gauge = TestCatalog.PerUnit("gauge", 10_000);
        var subscription = new SubscriptionBuilder().WithMetered(gauge, AggregationFormula.Last).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var period1 = subscription.Schedule.PeriodAt(1);
        var late = new PeriodUsageBuilder(period0).WithUsage("gauge", LargestValue).WithBilled("price_gauge", 2m, 20_000).Build();

        var invoice = Invoicer.Cycle(subscription, new PeriodUsageBuilder(period1).WithUsage("gauge", 3m).Build(), [late]);

        Assert.Equal((period1, 30_000L), (Assert.Single(invoice.Lines).Period, invoice.TotalMinor));
        Assert.Equal(period0, Assert.Single(invoice.Unbillable).Period);
    }

    [Fact]
    public void Cycle_LineSwingingPastTheBoundWhilePricesStayWithin_LeftOut()
    {
        // A meter that allows negatives: billed −999,999,999,999, now +999,999,999,999: each price
        // is within the bound, the line between them is twice it.
        var adjustments = TestCatalog.PerUnit("adjustments", 1);
        var subscription = new SubscriptionBuilder().WithMetered(adjustments, allowNegative: true).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var usage = new PeriodUsageBuilder(period0)
            .WithUsage("adjustments", 999_999_999_999m)
            .WithBilled("price_adjustments", -999_999_999_999m, -LineAmounts.MaxMinor)
            .Build();

        var invoice = Invoicer.Cycle(subscription, usage);

        Assert.Empty(invoice.Lines);
        Assert.Contains("the line would bill 1999999999998 minor units", Assert.Single(invoice.Unbillable).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SeatsPricedPastTheBound_LeftOutAndListed()
    {
        var subscription = new SubscriptionBuilder()
            .WithSeats(TestCatalog.Seats("price_enterprise", 1_000_000_000), quantity: 10_000)
            .WithSeats(Seats, quantity: 2)
            .Build();

        var invoice = Invoicer.Create(subscription);

        Assert.Equal(("price_seats", 5000L), (Assert.Single(invoice.Lines).PriceId, invoice.TotalMinor));
        var left = Assert.Single(invoice.Unbillable);
        Assert.Equal(("price_enterprise", (string?)null, 10_000m), (left.PriceId, left.MeterId, left.Quantity));
    }

    [Fact]
    public void Threshold_EligibleLinePastTheBound_NeitherCountsNorIsBilledAndIsLeftToTheCycleInvoice()
    {
        var big = TestCatalog.PerUnit("big", 1_000_000);
        var subscription = new SubscriptionBuilder().WithThreshold(10_000).WithMetered(big).WithMetered(Compute).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var usage = new PeriodUsageBuilder(period0).WithUsage("big", 10_000_000m).WithUsage("compute", 200m).Build();

        var threshold = Invoicer.Threshold(subscription, usage);

        Assert.Equal(20_000, Invoicer.UnbilledEligibleMinor(subscription, usage));
        Assert.NotNull(threshold);
        Assert.Equal("price_compute", Assert.Single(threshold.Lines).PriceId);
        Assert.Empty(threshold.Unbillable);
        Assert.Equal("price_big", Assert.Single(Invoicer.Cycle(subscription, usage).Unbillable).PriceId);
    }

    [Fact]
    public void Threshold_OnlyTheLinePastTheBoundIsLarge_NotReached()
    {
        var big = TestCatalog.PerUnit("big", 1_000_000);
        var subscription = new SubscriptionBuilder().WithThreshold(10_000).WithMetered(big).WithMetered(Compute).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var usage = new PeriodUsageBuilder(period0).WithUsage("big", LargestValue).WithUsage("compute", 5m).Build();

        Assert.Equal(500, Invoicer.UnbilledEligibleMinor(subscription, usage));
        Assert.Null(Invoicer.Threshold(subscription, usage));
    }
}

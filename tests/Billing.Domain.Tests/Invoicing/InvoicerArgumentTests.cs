using Billing.Domain.Invoicing;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Tests.Builders;

namespace Billing.Domain.Tests.Invoicing;

public sealed class InvoicerArgumentTests
{
    private static readonly Price Gpu = TestCatalog.Graduated("gpu", (100m, 10m, 0m), (null, 5m, 0m));

    [Fact]
    public void Cycle_PeriodNotOfSchedule_Throws()
    {
        var subscription = new SubscriptionBuilder().WithMetered(Gpu).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var shifted = new BillingPeriod(period0.Start.AddDays(1), period0.End.AddDays(1));

        Assert.Throws<ArgumentException>(() => Invoicer.Cycle(subscription, new PeriodUsageBuilder(shifted).Build()));
    }

    [Fact]
    public void Cycle_LateUsageNotBeforeEndedPeriod_Throws()
    {
        var subscription = new SubscriptionBuilder().WithMetered(Gpu).Build();
        var ended = new PeriodUsageBuilder(subscription.Schedule.PeriodAt(1)).Build();
        var notLate = new PeriodUsageBuilder(subscription.Schedule.PeriodAt(1)).WithUsage("gpu", 1m).Build();

        Assert.Throws<ArgumentException>(() => Invoicer.Cycle(subscription, ended, [notLate]));
    }

    [Fact]
    public void Cycle_LatePeriodListedTwice_Throws()
    {
        var subscription = new SubscriptionBuilder().WithMetered(Gpu).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var late = new PeriodUsageBuilder(period0).WithUsage("gpu", 250m).WithBilled("price_gpu", 150m, 1250).Build();

        // Twice the same late usage would bill the same correction twice.
        Assert.Throws<ArgumentException>(() =>
            Invoicer.Cycle(subscription, new PeriodUsageBuilder(subscription.Schedule.PeriodAt(1)).Build(), [late, late]));
    }

    [Fact]
    public void Cycle_LatePeriodNotOfSchedule_Throws()
    {
        var subscription = new SubscriptionBuilder().WithMetered(Gpu).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var shifted = new BillingPeriod(period0.Start.AddDays(1), period0.End.AddDays(1));
        var late = new PeriodUsageBuilder(shifted).WithUsage("gpu", 5m).Build();

        Assert.Throws<ArgumentException>(() =>
            Invoicer.Cycle(subscription, new PeriodUsageBuilder(subscription.Schedule.PeriodAt(2)).Build(), [late]));
    }

    [Fact]
    public void Threshold_PeriodNotOfSchedule_Throws()
    {
        var subscription = new SubscriptionBuilder().WithThreshold(1).WithMetered(Gpu).Build();
        var period0 = subscription.Schedule.PeriodAt(0);
        var shifted = new BillingPeriod(period0.Start.AddDays(1), period0.End.AddDays(1));
        var usage = new PeriodUsageBuilder(shifted).WithUsage("gpu", 5m).Build();

        Assert.Throws<ArgumentException>(() => Invoicer.Threshold(subscription, usage));
        Assert.Throws<ArgumentException>(() => Invoicer.UnbilledEligibleMinor(subscription, usage));
    }
}

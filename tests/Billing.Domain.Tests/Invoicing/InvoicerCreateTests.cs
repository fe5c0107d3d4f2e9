using Billing.Domain.Invoicing;
using Billing.Domain.Monetary;
using Billing.Domain.Pricing;
using Billing.Domain.Tests.Builders;

namespace Billing.Domain.Tests.Invoicing;

public sealed class InvoicerCreateTests
{
    [Fact]
    public void Create_SeatsAndMeteredItem_BillsSeatsForPeriodZeroOnly()
    {
        var seats = TestCatalog.Seats("price_seats", unitAmountMinor: 2500);
        var subscription = new SubscriptionBuilder()
            .WithSeats(seats, quantity: 4)
            .WithMetered(TestCatalog.PerUnit("compute", 100))
            .Build();

        var invoice = Invoicer.Create(subscription);

        var period0 = subscription.Schedule.PeriodAt(0);
        Assert.Equal(BillingReason.SubscriptionCreate, invoice.Reason);
        Assert.Equal(period0, invoice.Period);
        Assert.Equal("sub_1", invoice.SubscriptionId);
        Assert.Equal("cus_A", invoice.CustomerId);
        Assert.Equal(Currency.Usd, invoice.Currency);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal("price_seats", line.PriceId);
        Assert.Null(line.MeterId);
        Assert.Equal(period0, line.Period);
        Assert.Equal(4m, line.Quantity);
        Assert.Equal(10_000, line.AmountMinor);
        Assert.Equal(10_000, invoice.TotalMinor);
    }

    [Fact]
    public void Create_TwoSeatPrices_BillsEachQuantityTimesUnitAmount()
    {
        var subscription = new SubscriptionBuilder()
            .WithSeats(TestCatalog.Seats("price_editor", 1999), quantity: 3)
            .WithSeats(TestCatalog.Seats("price_viewer", 450), quantity: 10)
            .Build();

        var invoice = Invoicer.Create(subscription);

        Assert.Equal([("price_editor", 5997L), ("price_viewer", 4500L)], invoice.Lines.Select(l => (l.PriceId, l.AmountMinor)));
        Assert.Equal(10_497, invoice.TotalMinor);
    }

    [Fact]
    public void Create_OnlyMeteredItems_ReturnsEmptyInvoice()
    {
        var subscription = new SubscriptionBuilder()
            .WithMetered(TestCatalog.PerUnit("compute", 100))
            .WithMetered(TestCatalog.Graduated("gpu", (10m, 50m, 2000m), (null, 25m, 0m)))
            .Build();

        var invoice = Invoicer.Create(subscription);

        Assert.Equal(BillingReason.SubscriptionCreate, invoice.Reason);
        Assert.Equal(subscription.Schedule.PeriodAt(0), invoice.Period);
        Assert.Empty(invoice.Lines);
        Assert.Equal(0, invoice.TotalMinor);
    }

    [Fact]
    public void Create_ZeroSeats_LeavesLineOut()
    {
        var subscription = new SubscriptionBuilder()
            .WithSeats(TestCatalog.Seats("price_seats", 2500), quantity: 0)
            .Build();

        var invoice = Invoicer.Create(subscription);

        Assert.Empty(invoice.Lines);
    }

    [Fact]
    public void Create_JpySeats_BillsInWholeYen()
    {
        var subscription = new SubscriptionBuilder()
            .WithSeats(TestCatalog.Seats("price_seats", 1500, Currency.Jpy), quantity: 3)
            .Build();

        var invoice = Invoicer.Create(subscription);

        Assert.Equal(Currency.Jpy, invoice.Currency);
        Assert.Equal(4500, Assert.Single(invoice.Lines).AmountMinor);
    }

    [Fact]
    public void Create_GraduatedSeatPrice_PricesSeatsByTiers()
    {
        var seats = TestCatalog.Tiered("price_seats", TiersMode.Graduated, Currency.Usd, TestCatalog.Licensed(), [(5m, 1000m, 0m), (null, 800m, 0m)]);
        var subscription = new SubscriptionBuilder().WithSeats(seats, quantity: 8).Build();

        var invoice = Invoicer.Create(subscription);

        // 5 × 10.00 + 3 × 8.00
        Assert.Equal(7400, Assert.Single(invoice.Lines).AmountMinor);
    }
}

using Billing.Domain.Invoicing;
using Billing.Domain.Meters;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Tests.Builders;
using Billing.Domain.Tests.Properties.Generators;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// docs/contracts.md §5, the prefix rule: within one period the invoices are prefixes,
/// so however the usage is split by threshold invoices (and late corrections), the lines of a
/// period add up, price by price and to the minor unit, to the price of its total usage.
/// </summary>
public sealed class PrefixPropertyTests
{
    private static readonly Price Seats = TestCatalog.Seats("price_seats", 2500);

    // Indexed like UsageEvent.MeterIndex; one price per meter.
    private static readonly (Meter Meter, Price Price)[] Metered =
    [
        (TestCatalog.Meter("compute"), TestCatalog.PerUnit("compute", 0.0137m)),
        (TestCatalog.Meter("storage"), TestCatalog.Package("storage", 250m, divideBy: 1000, RoundingDirection.Up)),
        (TestCatalog.Meter("gpu"), TestCatalog.Graduated("gpu", (100.5m, 1.2345m, 500m), (10_000m, 0.75m, 1000m), (null, 0.0425m, 0m))),
        (TestCatalog.Meter("requests", AggregationFormula.Count), TestCatalog.Graduated("requests", (1000m, 0.5m, 0m), (null, 0.1m, 2500m))),
        (TestCatalog.Meter("peak", AggregationFormula.Max), TestCatalog.PerUnit("peak", 1.5m)),
        (TestCatalog.Meter("users", AggregationFormula.UniqueCount), TestCatalog.Package("users", 99.5m, divideBy: 3, RoundingDirection.Down)),
        (TestCatalog.Meter("egress"), TestCatalog.Volume("egress", (1000m, 2m, 0m), (100_000m, 1m, 5000m), (null, 0.5m, 20_000m))),
        (TestCatalog.Meter("instances", AggregationFormula.Last), TestCatalog.PerUnit("instances", 300m)),
    ];

    private static readonly Subscription Subscription = Metered
        .Aggregate(new SubscriptionBuilder().WithSeats(Seats, quantity: 3), (b, m) => b.WithMetered(m.Price, m.Meter))
        .Build();

    [Fact]
    public void IsThresholdEligible_PrefixFixture_MixesEligibleAndIneligibleItems()
    {
        Assert.Equal(PropertyArbitraries.PrefixMeterCount, Metered.Length);
        Assert.Equal(
            ["price_compute", "price_storage", "price_gpu", "price_requests", "price_peak", "price_users"],
            Subscription.Items.Where(i => i.IsThresholdEligible).Select(i => i.Price.Id));
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(PropertyArbitraries)])]
    public void Invoices_AnySplitByThresholdsAndLateUsage_AddUpToPriceOfTotalPerPrice(PrefixScenario scenario)
    {
        var period0 = Subscription.Schedule.PeriodAt(0);
        var period1 = Subscription.Schedule.PeriodAt(1);
        var aggregates = Metered.Select(m => new MeterAggregate(m.Meter.Formula)).ToArray();
        var ledger = new BillingLedger();
        var invoices = new List<InvoiceDraft>();

        foreach (var step in scenario.Steps)
        {
            if (step.Event is { } e)
            {
                aggregates[e.MeterIndex].Add(Sample(period0, e));
                continue;
            }

            var amountGte = step.AmountGte!.Value;
            var subscription = new Subscription(Subscription.Id, Subscription.CustomerId, Subscription.BillingCycleAnchor, Subscription.Items, amountGte);
            var usage = ledger.UsageOf(period0, Quantities(aggregates));
            var unbilled = Invoicer.UnbilledEligibleMinor(subscription, usage);
            var invoice = Invoicer.Threshold(subscription, usage);

            Assert.Equal(unbilled >= amountGte, invoice is not null);
            if (invoice is null)
            {
                continue;
            }

            Assert.Equal(BillingReason.SubscriptionThreshold, invoice.Reason);
            Assert.Equal(period0, invoice.Period);
            Assert.Equal(unbilled, invoice.TotalMinor);
            Assert.All(invoice.Lines, l => Assert.True(Item(l.PriceId).IsThresholdEligible, $"{l.PriceId} on a threshold invoice"));
            Assert.All(invoice.Lines, l => Assert.True(l.AmountMinor >= 0, $"{l.PriceId}: {l.AmountMinor}"));
            AssertPrefixRule(invoice, ledger, aggregates);
            ledger.Record(invoice);
            invoices.Add(invoice);

            // One invoice bills everything unbilled, however far the usage overshot.
            Assert.Equal(0, Invoicer.UnbilledEligibleMinor(subscription, ledger.UsageOf(period0, Quantities(aggregates))));
        }

        var cycle = Invoicer.Cycle(Subscription, ledger.UsageOf(period0, Quantities(aggregates)));
        AssertPrefixRule(cycle, ledger, aggregates);
        AssertSeatsInAdvance(cycle, period1);
        ledger.Record(cycle);
        invoices.Add(cycle);
        AssertPeriodAddsUp(invoices, period0, aggregates);

        foreach (var e in scenario.LateEvents)
        {
            aggregates[e.MeterIndex].Add(Sample(period0, e));
        }

        var empty = Metered.Select(m => new MeterAggregate(m.Meter.Formula)).ToArray();
        var next = Invoicer.Cycle(Subscription, ledger.UsageOf(period1, Quantities(empty)), [ledger.UsageOf(period0, Quantities(aggregates))]);
        AssertPrefixRule(next, ledger, aggregates, period0);
        AssertSeatsInAdvance(next, Subscription.Schedule.PeriodAt(2));
        ledger.Record(next);
        invoices.Add(next);
        AssertPeriodAddsUp(invoices, period0, aggregates);
        AssertPeriodAddsUp(invoices, period1, empty);
    }

    private static UsageSample Sample(BillingPeriod period, UsageEvent e) =>
        new(period.Start.AddMinutes(e.MinuteOffset), e.Value, e.Key);

    private static Dictionary<string, decimal> Quantities(MeterAggregate[] aggregates) =>
        Metered.Select((m, i) => (m.Meter.Id, aggregates[i].Quantity)).ToDictionary(x => x.Id, x => x.Quantity);

    private static SubscriptionItem Item(string priceId) => Subscription.Items.Single(i => i.Price.Id == priceId);

    /// <summary>
    /// Line by line: each usage line bills <c>round(price(cumulative)) − already billed</c> and its
    /// quantity is the raw usage added since the price was last billed. Lines for periods other than
    /// <paramref name="aggregatesPeriod"/> (when given) are checked against an empty usage.
    /// </summary>
    private static void AssertPrefixRule(InvoiceDraft invoice, BillingLedger ledger, MeterAggregate[] aggregates, BillingPeriod? aggregatesPeriod = null)
    {
        foreach (var line in invoice.Lines.Where(l => l.MeterId is not null))
        {
            var index = Array.FindIndex(Metered, m => m.Price.Id == line.PriceId);
            var covers = aggregatesPeriod is null || aggregatesPeriod == line.Period;
            var quantity = covers ? aggregates[index].Quantity : 0m;
            var billed = ledger.BilledFor(line.Period, line.PriceId);
            var priced = Metered[index].Price.PriceOf(quantity).AmountMinor;

            Assert.Equal(Metered[index].Meter.Id, line.MeterId);
            Assert.Equal(new BilledToDate(quantity, priced), line.Cumulative);
            Assert.Equal(quantity - billed.Quantity, line.Quantity);
            Assert.Equal(priced - billed.AmountMinor, line.AmountMinor);
        }
    }

    private static void AssertSeatsInAdvance(InvoiceDraft cycle, BillingPeriod next)
    {
        var seats = Assert.Single(cycle.Lines, l => l.MeterId is null);
        Assert.Equal(("price_seats", next, 3m, 7500L), (seats.PriceId, seats.Period, seats.Quantity, seats.AmountMinor));
    }

    private static void AssertPeriodAddsUp(List<InvoiceDraft> invoices, BillingPeriod period, MeterAggregate[] aggregates)
    {
        var lines = invoices.SelectMany(i => i.Lines).Where(l => l.Period == period && l.MeterId is not null).ToArray();
        for (var i = 0; i < Metered.Length; i++)
        {
            var price = Metered[i].Price;
            var total = aggregates[i].Quantity;
            var ofPrice = lines.Where(l => l.PriceId == price.Id).ToArray();
            Assert.Equal(price.PriceOf(total).AmountMinor, ofPrice.Sum(l => l.AmountMinor));
            Assert.Equal(total, ofPrice.Sum(l => l.Quantity));
        }
    }
}

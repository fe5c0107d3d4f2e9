using Billing.Domain.Meters;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Tests.Builders;
using Billing.Domain.Usage;

namespace Billing.Domain.Tests.Usage;

public sealed class DailySeriesTests
{
    /// <summary>[2026-01-15, 2026-02-15): 31 UTC days.</summary>
    private static readonly BillingPeriod Period = new(TestCatalog.Anchor, TestCatalog.Anchor.AddMonths(1));

    private static readonly DateOnly Jan15 = new(2026, 1, 15);

    [Fact]
    public void Build_GraduatedPriceWithFlatFees_EachDayIsTheIncreaseAndDaysSumToThePeriodAmount()
    {
        // 0–100 at 1 ¢ with a 500 ¢ base fee, then 0.5 ¢ with a 200 ¢ fee for passing 100.
        var price = TestCatalog.Graduated("api", (100m, 1m, 500m), (null, 0.5m, 200m));
        MeterDay[] days = [Day(Jan15.AddDays(1), AggregationFormula.Sum, 60m, 3), Day(Jan15.AddDays(3), AggregationFormula.Sum, 50m, 2)];

        var lines = DailySeries.Build(Period, Jan15.AddDays(4), AggregationFormula.Sum, 5, days, price)!;

        // Day 0: the base fee with no usage; day 1: 60 ¢; day 3: 40 more at 1 ¢, 10 at 0.5 ¢ and the 200 ¢ fee.
        Assert.Equal(
            [(Jan15, 0L, 0m, 500L), (Jan15.AddDays(1), 3L, 60m, 60L), (Jan15.AddDays(2), 0L, 0m, 0L), (Jan15.AddDays(3), 2L, 50m, 245L), (Jan15.AddDays(4), 0L, 0m, 0L)],
            lines.Select(l => (l.Date, l.Events, l.Quantity!.Value, l.AmountMinor!.Value)));
        Assert.Equal(Amount(price, 110m), lines.Sum(l => l.AmountMinor));
        Assert.Equal(Amount(price, 110m), lines[^1].CumulativeAmountMinor);
    }

    [Fact]
    public void Build_DaysHoldFewerEventsThanThePeriod_ReturnsNull()
    {
        var price = TestCatalog.PerUnit("compute", 1m);

        var lines = DailySeries.Build(Period, Jan15.AddDays(2), AggregationFormula.Sum, 3, [Day(Jan15, AggregationFormula.Sum, 5m, 2)], price);

        Assert.Null(lines);
    }

    [Fact]
    public void Build_LastMeter_DayWithoutEventHasNoQuantityAndAFallIsANegativeAmount()
    {
        var price = TestCatalog.PerUnit("temperature", 1m);
        MeterDay[] days = [Last(Jan15, 12m), Last(Jan15.AddDays(2), 5m)];

        var lines = DailySeries.Build(Period, Jan15.AddDays(2), AggregationFormula.Last, 2, days, price)!;

        Assert.Equal(
            [(12m, 12L), (null, 0L), (5m, -7L)],
            lines.Select(l => (l.Quantity, l.AmountMinor!.Value)));
        Assert.Equal(5, lines.Sum(l => l.AmountMinor));
    }

    [Fact]
    public void Build_VolumePriceEnteringACheaperTier_DaysStillSumToThePeriodAmount()
    {
        var price = TestCatalog.Volume("users", (3m, 1_000m, 0m), (null, 500m, 0m));
        MeterDay[] days = [Day(Jan15, AggregationFormula.UniqueCount, 3m, 3), Day(Jan15.AddDays(1), AggregationFormula.UniqueCount, 1m, 4)];

        var lines = DailySeries.Build(Period, Jan15.AddDays(1), AggregationFormula.UniqueCount, 7, days, price)!;

        Assert.Equal([3_000L, -1_000L], lines.Select(l => l.AmountMinor!.Value));
        Assert.Equal(Amount(price, 4m), lines.Sum(l => l.AmountMinor));
    }

    [Theory]
    [InlineData(-40, 0)] // before the period: its first day
    [InlineData(2, 2)]
    [InlineData(400, 30)] // after it: its last day, Feb 14
    public void Build_Through_IsClampedToThePeriodsDays(int throughOffset, int lastOffset)
    {
        var lines = DailySeries.Build(Period, Jan15.AddDays(throughOffset), AggregationFormula.Count, 0, [], TestCatalog.PerUnit("api", 1m))!;

        Assert.Equal(Jan15, lines[0].Date);
        Assert.Equal(Jan15.AddDays(lastOffset), lines[^1].Date);
    }

    [Fact]
    public void Build_EventOnADayAfterThrough_ExtendsTheSeriesToIt()
    {
        var lines = DailySeries.Build(Period, Jan15, AggregationFormula.Count, 1, [Day(Jan15.AddDays(1), AggregationFormula.Count, 0m, 1)], TestCatalog.PerUnit("api", 1m))!;

        Assert.Equal([Jan15, Jan15.AddDays(1)], lines.Select(l => l.Date));
        Assert.Equal(1, lines[^1].Quantity);
    }

    [Fact]
    public void Build_PriceBeyondTheLineBound_DayAmountsTouchingItAreNull()
    {
        var price = TestCatalog.PerUnit("compute", 1m);
        MeterDay[] days = [Day(Jan15, AggregationFormula.Sum, 10m, 1), Day(Jan15.AddDays(1), AggregationFormula.Sum, 999_999_999_999_999m, 1)];

        var lines = DailySeries.Build(Period, Jan15.AddDays(1), AggregationFormula.Sum, 2, days, price)!;

        Assert.Equal([10L, null], lines.Select(l => l.AmountMinor));
        Assert.Null(lines[^1].CumulativeAmountMinor);
    }

    [Fact]
    public void Build_RandomDaysForEveryFormulaAndPrice_DaysSumToThePeriodsAmount()
    {
        const int seed = 20260115;
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}");
        var random = new Random(seed);
        Price[] prices =
        [
            TestCatalog.Graduated("m", (10m, 3m, 100m), (50m, 2m, 50m), (null, 0.25m, 0m)),
            TestCatalog.Volume("m", (10m, 3m, 100m), (null, 1.5m, 20m)),
            TestCatalog.Package("m", 100m, 7),
            TestCatalog.PerUnit("m", 0.013m),
        ];
        for (var i = 0; i < 300; i++)
        {
            var formula = (AggregationFormula)random.Next(5);
            var price = prices[random.Next(prices.Length)];
            var days = Enumerable.Range(0, 31).Where(_ => random.Next(3) == 0)
                .Select(d => Day(Jan15.AddDays(d), formula, random.Next(0, 40), random.Next(1, 5), Period.Start.AddDays(d).AddHours(random.Next(24))))
                .ToArray();
            var period = new MeterAggregate(formula);
            foreach (var day in days)
            {
                period.Merge(day.Aggregate);
            }

            var lines = DailySeries.Build(Period, Jan15.AddDays(30), formula, period.EventCount, days, price)!;

            Assert.True(Amount(price, period.Quantity) == lines.Sum(l => l.AmountMinor), $"seed {seed}, case {i}: {formula}, {price.Model}");
            Assert.Equal(31, lines.Count);
        }
    }

    private static long Amount(Price price, decimal quantity) => ((PriceQuote.Priced)price.Quote(quantity)).AmountMinor;

    private static MeterDay Day(DateOnly date, AggregationFormula formula, decimal value, long events, DateTimeOffset? at = null) =>
        new(date, MeterAggregate.Restore(
            formula,
            events,
            formula == AggregationFormula.Sum ? value : 0m,
            formula == AggregationFormula.Max ? value : null,
            formula == AggregationFormula.Last ? at ?? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            formula == AggregationFormula.Last ? value : 0m,
            formula == AggregationFormula.UniqueCount ? (long)value : 0));

    private static MeterDay Last(DateOnly date, decimal value) => Day(date, AggregationFormula.Last, value, 1);
}

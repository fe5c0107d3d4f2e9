using Billing.Domain.Periods;
using Billing.Domain.Usage;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Domain.Tests.Usage;

public sealed class SpendForecastTests
{
    /// <summary>[2026-01-15, 2026-02-15).</summary>
    private static readonly BillingPeriod Period = new(
        new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 15, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void WindowStart_EarlyInThePeriod_IsThePeriodStart()
    {
        var clock = new FakeTimeProvider(Period.Start);
        clock.Advance(TimeSpan.FromDays(3.5));

        Assert.Equal(Period.Start, SpendForecast.WindowStart(Period, clock.GetUtcNow()));
        Assert.Equal(3.5m, SpendForecast.Days(Period.Start, clock.GetUtcNow()));
    }

    [Fact]
    public void WindowStart_LaterInThePeriod_IsSevenFullDaysBeforeTodaysMidnight()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 30, 6, 0, 0, TimeSpan.Zero));

        var start = SpendForecast.WindowStart(Period, clock.GetUtcNow());

        Assert.Equal(new DateTimeOffset(2026, 1, 23, 0, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(7.25m, SpendForecast.Days(start, clock.GetUtcNow()));
    }

    [Fact]
    public void RatePerDay_IncreaseOverTheWindow_DividedByItsDays()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 30, 6, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow();

        var rate = SpendForecast.RatePerDay(1_000m, 1_725m, SpendForecast.WindowStart(Period, now), now);

        Assert.Equal(100m, rate);
    }

    [Fact]
    public void RatePerDay_AtThePeriodsFirstInstant_IsNull()
    {
        var clock = new FakeTimeProvider(Period.Start);

        Assert.Null(SpendForecast.RatePerDay(0m, 0m, SpendForecast.WindowStart(Period, clock.GetUtcNow()), clock.GetUtcNow()));
    }

    [Fact]
    public void Projected_AmountNowPlusTheRateOverTheRestOfThePeriod()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 5, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(3_000m, SpendForecast.Projected(2_000m, 100m, clock.GetUtcNow(), Period.End));
    }

    [Fact]
    public void TimeToTarget_PositiveRate_TimeTheTargetIsReachedRoundedUpToTheSecond()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 30, 6, 0, 0, 500, TimeSpan.Zero));

        // 10,000 − 7,000 = 3,000 ¢ at 1,000 ¢ a day: 3 days on, the half second rounded up.
        var at = SpendForecast.TimeToTarget(10_000m, 7_000m, 1_000m, clock.GetUtcNow(), Period.End);

        Assert.Equal(new DateTimeOffset(2026, 2, 2, 6, 0, 1, TimeSpan.Zero), at);
    }

    [Fact]
    public void TimeToTarget_FractionalDays_ToTheSecond()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 30, 0, 0, 0, TimeSpan.Zero));

        // 1 ¢ at 3 ¢ a day: 8 h.
        Assert.Equal(clock.GetUtcNow().AddHours(8), SpendForecast.TimeToTarget(100m, 99m, 3m, clock.GetUtcNow(), Period.End));
    }

    [Theory]
    [InlineData(10_000, 10_000, 100)] // already reached
    [InlineData(10_000, 12_000, 100)] // beyond it
    [InlineData(10_000, 5_000, 0)] // no usage in the window
    [InlineData(10_000, 5_000, -50)] // falling
    [InlineData(10_000, 5_000, 100)] // 50 days on: after the period's end
    [InlineData(10_000, 5_000, 312.5)] // exactly at the period's end (16 days on), which belongs to the next period
    public void TimeToTarget_CannotBeReachedInThePeriod_IsNull(long target, long current, double ratePerDay)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 30, 0, 0, 0, TimeSpan.Zero));

        Assert.Null(SpendForecast.TimeToTarget(target, current, (decimal)ratePerDay, clock.GetUtcNow(), Period.End));
    }

    [Fact]
    public void TimeToTarget_TinyRateAndHugeTarget_NullWithoutOverflow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 30, 0, 0, 0, TimeSpan.Zero));

        Assert.Null(SpendForecast.TimeToTarget(999_999_999_999m, 0m, 0.0000000000000000000001m, clock.GetUtcNow(), Period.End));
    }

    [Fact]
    public void TimeToTarget_AsTheClockMoves_StaysTheSameInstantAtAConstantRate()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero));
        var first = SpendForecast.TimeToTarget(10_000m, 2_000m, 800m, clock.GetUtcNow(), Period.End);

        clock.Advance(TimeSpan.FromDays(4));
        var later = SpendForecast.TimeToTarget(10_000m, 2_000m + (4 * 800m), 800m, clock.GetUtcNow(), Period.End);

        Assert.Equal(new DateTimeOffset(2026, 1, 30, 0, 0, 0, TimeSpan.Zero), first);
        Assert.Equal(first, later);
    }
}

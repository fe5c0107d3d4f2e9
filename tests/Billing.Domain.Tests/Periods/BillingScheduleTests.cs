using Billing.Domain.Periods;
using static Billing.Domain.Tests.Periods.Dates;

namespace Billing.Domain.Tests.Periods;

public sealed class BillingScheduleTests
{
    public static TheoryData<long, DateTimeOffset> MonthlyJan31LeapYear => new()
    {
        { 0, At(2024, 1, 31) },
        { 1, At(2024, 2, 29) },   // clamped to the leap day
        { 2, At(2024, 3, 31) },   // and back to the 31st: computed from the anchor, not from Feb 29
        { 3, At(2024, 4, 30) },
        { 4, At(2024, 5, 31) },
        { 5, At(2024, 6, 30) },
        { 6, At(2024, 7, 31) },
        { 7, At(2024, 8, 31) },
        { 8, At(2024, 9, 30) },
        { 9, At(2024, 10, 31) },
        { 10, At(2024, 11, 30) },
        { 11, At(2024, 12, 31) },
        { 12, At(2025, 1, 31) },
        { 13, At(2025, 2, 28) },
        { 14, At(2025, 3, 31) },
        { 36, At(2027, 1, 31) },
        { 49, At(2028, 2, 29) },
    };

    [Theory]
    [MemberData(nameof(MonthlyJan31LeapYear))]
    public void StartOf_MonthlyAnchorJan31_2024_ClampsAndRecovers(long index, DateTimeOffset expected) =>
        Assert.Equal(expected, Monthly(At(2024, 1, 31)).StartOf(index));

    [Theory]
    [InlineData(1, 2025, 2, 28)]
    [InlineData(2, 2025, 3, 31)]
    [InlineData(3, 2025, 4, 30)]
    public void StartOf_MonthlyAnchorJan31_2025_ClampsToFeb28(long index, int year, int month, int day) =>
        Assert.Equal(At(year, month, day), Monthly(At(2025, 1, 31)).StartOf(index));

    [Theory]
    [InlineData(0, 2024, 2, 29)]
    [InlineData(1, 2025, 2, 28)]
    [InlineData(2, 2026, 2, 28)]
    [InlineData(3, 2027, 2, 28)]
    [InlineData(4, 2028, 2, 29)]
    [InlineData(5, 2029, 2, 28)]
    public void StartOf_YearlyAnchorFeb29_ClampsAndRecoversOnLeapYears(long index, int year, int month, int day) =>
        Assert.Equal(At(year, month, day), new BillingSchedule(At(2024, 2, 29), BillingInterval.Year).StartOf(index));

    public static TheoryData<BillingInterval, int, long, DateTimeOffset> OtherIntervals => new()
    {
        // Weekly from Monday 2024-02-26 10:30 (across the leap day).
        { BillingInterval.Week, 1, 1, At(2024, 3, 4, 10, 30) },
        { BillingInterval.Week, 1, 52, At(2025, 2, 24, 10, 30) },
        { BillingInterval.Week, 2, 5, At(2024, 5, 6, 10, 30) },
        // Daily from 2024-02-26 10:30.
        { BillingInterval.Day, 1, 3, At(2024, 2, 29, 10, 30) },
        { BillingInterval.Day, 1, 4, At(2024, 3, 1, 10, 30) },
        { BillingInterval.Day, 1, 366, At(2025, 2, 26, 10, 30) },
        { BillingInterval.Day, 3, 10, At(2024, 3, 27, 10, 30) },
        // Quarterly and two-yearly.
        { BillingInterval.Month, 3, 1, At(2024, 5, 26, 10, 30) },
        { BillingInterval.Month, 3, 4, At(2025, 2, 26, 10, 30) },
        { BillingInterval.Year, 2, 1, At(2026, 2, 26, 10, 30) },
    };

    [Theory]
    [MemberData(nameof(OtherIntervals))]
    public void StartOf_IntervalAndCount_StepsFromTheAnchor(BillingInterval interval, int count, long index, DateTimeOffset expected) =>
        Assert.Equal(expected, new BillingSchedule(At(2024, 2, 26, 10, 30), interval, count).StartOf(index));

    [Theory]
    [InlineData(0, 2024, 1, 31)]
    [InlineData(1, 2024, 4, 30)]
    [InlineData(2, 2024, 7, 31)]
    [InlineData(3, 2024, 10, 31)]
    [InlineData(4, 2025, 1, 31)]
    public void StartOf_QuarterlyAnchorJan31_ClampsAndRecovers(long index, int year, int month, int day) =>
        Assert.Equal(At(year, month, day), new BillingSchedule(At(2024, 1, 31), BillingInterval.Month, 3).StartOf(index));

    [Theory]
    [InlineData(1, 2024, 2, 29)]
    [InlineData(2, 2024, 5, 30)]
    [InlineData(3, 2024, 8, 30)]
    public void StartOf_QuarterlyAnchorNov30_ClampsToLeapDayThenRecovers(long index, int year, int month, int day) =>
        Assert.Equal(At(year, month, day), new BillingSchedule(At(2023, 11, 30), BillingInterval.Month, 3).StartOf(index));

    [Fact]
    public void PeriodAt_36MonthlyPeriodsFromJan31_ContiguousWithoutDrift()
    {
        var schedule = Monthly(At(2024, 1, 31));
        var periods = Enumerable.Range(0, 36).Select(i => schedule.PeriodAt(i)).ToList();

        for (var i = 0; i < periods.Count - 1; i++)
        {
            Assert.Equal(periods[i].End, periods[i + 1].Start);
        }

        Assert.All(periods, p => Assert.Equal(Math.Min(31, DateTime.DaysInMonth(p.Start.Year, p.Start.Month)), p.Start.Day));
        Assert.Equal(At(2027, 1, 31), periods[^1].End);
        Assert.Equal(At(2027, 1, 31), schedule.StartOf(36));
    }

    public static TheoryData<DateTimeOffset, long> IndexOfCases => new()
    {
        { At(2024, 1, 30, 23, 59), -1 },                       // before the anchor
        { At(2024, 1, 31).AddTicks(-1), -1 },
        { At(2024, 1, 31), 0 },                                // the anchor starts period 0
        { At(2024, 2, 29).AddTicks(-1), 0 },
        { At(2024, 2, 29), 1 },                                // a period's end belongs to the next one
        { At(2024, 3, 30), 1 },
        { At(2024, 3, 31), 2 },
        { At(2025, 2, 28), 13 },
        { At(2027, 1, 31).AddTicks(-1), 35 },
        { At(2027, 1, 31), 36 },
        { At(2124, 6, 15), 1_204 },                            // StartOf(1,205) is 2124-06-30
        { At(2124, 6, 30), 1_205 },
    };

    [Theory]
    [MemberData(nameof(IndexOfCases))]
    public void IndexOf_MonthlyAnchorJan31_FindsTheHalfOpenPeriod(DateTimeOffset instant, long expected)
    {
        var schedule = Monthly(At(2024, 1, 31));

        Assert.Equal(expected, schedule.IndexOf(instant));
        if (expected >= 0)
        {
            Assert.InRange(instant, schedule.StartOf(expected), schedule.StartOf(expected + 1).AddTicks(-1));
        }
    }

    [Theory]
    [InlineData(BillingInterval.Day, 1)]
    [InlineData(BillingInterval.Day, 7)]
    [InlineData(BillingInterval.Week, 1)]
    [InlineData(BillingInterval.Week, 3)]
    [InlineData(BillingInterval.Month, 1)]
    [InlineData(BillingInterval.Month, 5)]
    [InlineData(BillingInterval.Year, 1)]
    [InlineData(BillingInterval.Year, 4)]
    public void PeriodContaining_FarFuture_AgreesWithStartOf(BillingInterval interval, int count)
    {
        var schedule = new BillingSchedule(At(2024, 2, 29, 23, 59), interval, count);
        var instant = At(2399, 12, 31, 12);

        var period = schedule.PeriodContaining(instant);

        Assert.NotNull(period);
        var index = schedule.IndexOf(instant);
        Assert.Equal(schedule.StartOf(index), period.Value.Start);
        Assert.Equal(schedule.StartOf(index + 1), period.Value.End);
        Assert.True(period.Value.Contains(instant));
    }

    [Theory]
    [InlineData(-5)]   // 2024-03-31T19:00-05:00: still March on the local clock
    [InlineData(0)]
    [InlineData(9)]
    public void IndexOf_InstantWithOffsetAtPeriodStart_PlacedByTheInstantNotTheLocalClock(int offsetHours)
    {
        var schedule = Monthly(At(2024, 1, 1));
        var instant = At(2024, 4, 1).ToOffset(TimeSpan.FromHours(offsetHours));

        Assert.Equal(3, schedule.IndexOf(instant));
        Assert.Equal(2, schedule.IndexOf(instant.AddTicks(-1)));
    }

    [Fact]
    public void PeriodContaining_ExactlyAtPeriodEnd_ReturnsNextPeriod()
    {
        var schedule = Monthly(At(2024, 1, 31));

        var period = schedule.PeriodContaining(At(2024, 2, 29));

        Assert.Equal(new BillingPeriod(At(2024, 2, 29), At(2024, 3, 31)), period);
    }

    [Fact]
    public void PeriodContaining_BeforeAnchor_Null() =>
        Assert.Null(Monthly(At(2024, 1, 31)).PeriodContaining(At(2024, 1, 31).AddTicks(-1)));

    [Theory]
    [InlineData(1)]
    [InlineData(-5)]
    [InlineData(5.5)]
    public void Constructor_NonUtcAnchor_ThrowsArgumentException(double offsetHours)
    {
        var anchor = new DateTimeOffset(2024, 1, 31, 0, 0, 0, TimeSpan.FromHours(offsetHours));

        Assert.Throws<ArgumentException>(() => new BillingSchedule(anchor, BillingInterval.Month));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_NonPositiveIntervalCount_Throws(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BillingSchedule(At(2024, 1, 31), BillingInterval.Month, count));

    [Fact]
    public void StartOf_NegativeIndex_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Monthly(At(2024, 1, 31)).StartOf(-1));

    private static BillingSchedule Monthly(DateTimeOffset anchor) => new(anchor, BillingInterval.Month);
}

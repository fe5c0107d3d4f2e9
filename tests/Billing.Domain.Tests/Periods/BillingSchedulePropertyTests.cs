using Billing.Domain.Periods;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Periods;

public sealed class BillingSchedulePropertyTests
{
    [Property(Arbitrary = [typeof(ScheduleCases)], MaxTest = 500)]
    public bool PeriodContaining_RandomScheduleAndInstant_ContainsTheInstant(ScheduleCase c)
    {
        var schedule = new BillingSchedule(c.Anchor, c.Interval, c.Count);
        var index = schedule.IndexOf(c.Instant);
        var period = schedule.PeriodContaining(c.Instant);

        if (c.Instant < c.Anchor)
        {
            return index == -1 && period is null;
        }

        // Also the boundaries: a start belongs to its period, an end to the next, a tick before a
        // start to the previous one (or to none before the anchor).
        return period is { } p
            && p.Contains(c.Instant)
            && p.Start == schedule.StartOf(index)
            && p.End == schedule.StartOf(index + 1)
            && schedule.IndexOf(p.Start) == index
            && schedule.IndexOf(p.End) == index + 1
            && schedule.IndexOf(p.Start.AddTicks(-1)) == index - 1;
    }

    [Property(Arbitrary = [typeof(ScheduleCases)], MaxTest = 200)]
    public bool PeriodAt_ConsecutiveIndexes_AreContiguous(ScheduleCase c)
    {
        var schedule = new BillingSchedule(c.Anchor, c.Interval, c.Count);
        var index = Math.Max(0, schedule.IndexOf(c.Instant));

        return schedule.PeriodAt(index).End == schedule.PeriodAt(index + 1).Start;
    }

    public sealed record ScheduleCase(DateTimeOffset Anchor, BillingInterval Interval, int Count, DateTimeOffset Instant);

    public static class ScheduleCases
    {
        // Anchors favour month ends (day 28-31) because that is where clamping lives; instants
        // range from 3 years before the anchor to ~200 years after it, at second resolution, and
        // sometimes carry an offset (the same instant, written in another zone's clock).
        public static Arbitrary<ScheduleCase> Cases() =>
            (from year in Gen.Choose(1990, 2060)
             from month in Gen.Choose(1, 12)
             from day in Gen.Frequency((1, Gen.Choose(1, 27)), (3, Gen.Choose(28, 31)))
             from secondOfDay in Gen.Choose(0, 86_399)
             from interval in Gen.Elements(Enum.GetValues<BillingInterval>())
             from count in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 24)))
             from daysFromAnchor in Gen.Choose(-3 * 366, 200 * 366)
             from secondsFromAnchor in Gen.Choose(0, 86_399)
             from offsetQuarterHours in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(-48, 56)))
             let anchor = new DateTimeOffset(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)), 0, 0, 0, TimeSpan.Zero)
                 .AddSeconds(secondOfDay)
             let instant = anchor.AddDays(daysFromAnchor).AddSeconds(secondsFromAnchor)
             select new ScheduleCase(anchor, interval, count, instant.ToOffset(TimeSpan.FromMinutes(15 * offsetQuarterHours))))
            .ToArbitrary();
    }
}

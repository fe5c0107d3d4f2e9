namespace Billing.Domain.Periods;

/// <summary>
/// The periods of a subscription: period <c>n</c> starts at <c>anchor + n × interval</c>, computed
/// from the anchor every time (never from the previous end), so month-end anchors clamp and
/// recover: anchor Jan 31 → Feb 28 (or 29) → Mar 31. Period 0 starts at the anchor; there is no
/// stub period before it.
/// </summary>
public sealed record BillingSchedule
{
    public BillingSchedule(DateTimeOffset anchor, BillingInterval interval, int intervalCount = 1)
    {
        Utc.Require(anchor, nameof(anchor));
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalCount, 1);
        Anchor = anchor;
        Interval = interval;
        IntervalCount = intervalCount;
    }

    public DateTimeOffset Anchor { get; }

    public BillingInterval Interval { get; }

    public int IntervalCount { get; }

    /// <summary>The start of period <paramref name="index"/>; <c>StartOf(index + 1)</c> is its end.</summary>
    public DateTimeOffset StartOf(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var steps = checked((int)(index * IntervalCount));
        return Interval switch
        {
            BillingInterval.Day => Anchor.AddDays(steps),
            BillingInterval.Week => Anchor.AddDays(7L * steps),
            // AddMonths/AddYears clamp the day to the target month's length (Jan 31 + 1 month =
            // Feb 28/29) and, because we always add to the anchor, the day comes back afterwards.
            BillingInterval.Month => Anchor.AddMonths(steps),
            BillingInterval.Year => Anchor.AddYears(steps),
            _ => throw new InvalidOperationException($"Unknown interval {Interval}."),
        };
    }

    public BillingPeriod PeriodAt(long index) => new(StartOf(index), StartOf(index + 1));

    /// <summary>The index of the period containing <paramref name="instant"/>, or -1 before the anchor.</summary>
    public long IndexOf(DateTimeOffset instant)
    {
        if (instant < Anchor)
        {
            return -1;
        }

        var index = Estimate(instant);
        while (index > 0 && StartOf(index) > instant)
        {
            index--;
        }

        while (StartOf(index + 1) <= instant)
        {
            index++;
        }

        return index;
    }

    /// <summary>The period containing <paramref name="instant"/>, or null before the anchor.</summary>
    public BillingPeriod? PeriodContaining(DateTimeOffset instant)
    {
        var index = IndexOf(instant);
        return index < 0 ? null : PeriodAt(index);
    }

    private long Estimate(DateTimeOffset instant)
    {
        var elapsed = instant - Anchor;
        return Interval switch
        {
            BillingInterval.Day => (long)(elapsed.Ticks / (TimeSpan.TicksPerDay * IntervalCount)),
            BillingInterval.Week => (long)(elapsed.Ticks / (TimeSpan.TicksPerDay * 7 * IntervalCount)),
            BillingInterval.Month => MonthsBetween(Anchor, instant) / IntervalCount,
            BillingInterval.Year => MonthsBetween(Anchor, instant) / (12L * IntervalCount),
            _ => throw new InvalidOperationException($"Unknown interval {Interval}."),
        };
    }

    private static long Max0(long value) => value < 0 ? 0 : value;

    private static long MonthsBetween(DateTimeOffset from, DateTimeOffset to) =>
        Max0(((to.Year - from.Year) * 12L) + to.Month - from.Month);
}

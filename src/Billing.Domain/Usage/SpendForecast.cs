using Billing.Domain.Periods;

namespace Billing.Domain.Usage;

/// <summary>
/// The forecast of a period's spend at the recent rate (docs/contracts.md §2, "Forecast"). The
/// rate is the increase of the amount over a recent window of the business clock — the last
/// <see cref="FullDays"/> full UTC days plus today's elapsed part, cut at the period's start, so
/// early in a period it is shorter — divided by the window's length in days. Spend by event time:
/// the amount at the window's start is the cumulative amount of the day before it (or the price of
/// zero usage when the window starts at the period's start, so fixed fees are no rate).
/// </summary>
public static class SpendForecast
{
    /// <summary>Full UTC days before today that the rate's window covers.</summary>
    public const int FullDays = 7;

    /// <summary>The window's start: <see cref="FullDays"/> days before today's UTC midnight, or the period's start when later.</summary>
    public static DateTimeOffset WindowStart(BillingPeriod period, DateTimeOffset now)
    {
        var start = UsageDays.StartOf(UsageDays.DateOf(now)).AddDays(-FullDays);
        return start > period.Start ? start : period.Start;
    }

    /// <summary>The window's length in days (fractional): 0 at the period's first instant.</summary>
    public static decimal Days(DateTimeOffset windowStart, DateTimeOffset now) =>
        now <= windowStart ? 0m : (now - windowStart).Ticks / (decimal)TimeSpan.TicksPerDay;

    /// <summary>
    /// Minor units per day: the amount's increase over the window divided by its length (negative
    /// when the amount fell); null when the window is empty (the period's first instant).
    /// </summary>
    public static decimal? RatePerDay(decimal amountAtWindowStart, decimal amountNow, DateTimeOffset windowStart, DateTimeOffset now)
    {
        var days = Days(windowStart, now);
        return days == 0m ? null : (amountNow - amountAtWindowStart) / days;
    }

    /// <summary>The amount at the period's end if spend goes on at <paramref name="ratePerDay"/> from now, unrounded (minor units).</summary>
    public static decimal Projected(decimal amountNow, decimal ratePerDay, DateTimeOffset now, DateTimeOffset periodEnd) =>
        now >= periodEnd ? amountNow : amountNow + (ratePerDay * Days(now, periodEnd));

    /// <summary>
    /// When the amount reaches <paramref name="target"/> at <paramref name="ratePerDay"/> from
    /// <paramref name="current"/> now, to the second (rounded up: the first whole second at which it
    /// has been reached). Null when it cannot be estimated: the target is already reached
    /// (<paramref name="current"/> ≥ <paramref name="target"/>), the rate is not positive (no usage
    /// in the window, or falling), or the time is at or after <paramref name="periodEnd"/> (the
    /// period ends first, and the next one starts from nothing).
    /// </summary>
    public static DateTimeOffset? TimeToTarget(decimal target, decimal current, decimal ratePerDay, DateTimeOffset now, DateTimeOffset periodEnd)
    {
        if (current >= target || ratePerDay <= 0m || now >= periodEnd)
        {
            return null;
        }

        // Compared as amounts before dividing, so that a tiny rate cannot overflow the division.
        if (target - current >= ratePerDay * Days(now, periodEnd))
        {
            return null;
        }

        var days = (target - current) / ratePerDay;

        // Bounded by the period's length, so the ticks fit; rounded up to the whole second.
        var ticks = now.UtcTicks + (long)decimal.Ceiling(days * TimeSpan.TicksPerDay);
        var second = (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond;
        var at = new DateTimeOffset(second, TimeSpan.Zero);
        return at >= periodEnd ? null : at;
    }
}

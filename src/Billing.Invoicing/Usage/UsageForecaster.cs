using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Invoicing.Usage;

/// <summary>
/// The forecast of a subscription's current period from its lines' daily series
/// (<see cref="SpendForecast"/>): the usage amount's rate over the recent window, the projection to
/// the period's end, and when the threshold (and the spend cap) will be reached at that rate.
/// </summary>
internal static class UsageForecaster
{
    /// <param name="unbilledEligible">The threshold's figure now: unbilled eligible usage (minor units).</param>
    /// <param name="spendCap">The subscription's spend cap in minor units, null without one (compared with the usage amount).</param>
    /// <returns>Null when it cannot be estimated: a line's series is unknown, or the window is empty (the period's first instant).</returns>
    public static UsageForecast? Forecast(
        Subscription subscription, BillingPeriod period, DateTimeOffset now, IReadOnlyList<MeteredLine> lines, long unbilledEligible, long? spendCap)
    {
        if (lines.Any(l => l.Series is null))
        {
            return null;
        }

        var windowStart = SpendForecast.WindowStart(period, now);
        var days = SpendForecast.Days(windowStart, now);
        if (days == 0m)
        {
            return null;
        }

        decimal startAll = 0m, nowAll = 0m, startEligible = 0m, nowEligible = 0m;
        foreach (var (item, line, series) in lines)
        {
            // A line beyond the line bound counts in no amount (docs/contracts.md §2), nor in the rate.
            if (line.Amount is not { } amount || AmountAt(item, period, windowStart, series!) is not { } atStart)
            {
                continue;
            }

            startAll += atStart;
            nowAll += amount;
            if (item.IsThresholdEligible)
            {
                startEligible += atStart;
                nowEligible += amount;
            }
        }

        var rate = (nowAll - startAll) / days;
        var eligibleRate = (nowEligible - startEligible) / days;
        var amountNow = lines.Sum(l => l.Line.Amount ?? 0);
        var thresholdAt = SpendForecast.TimeToTarget(subscription.ThresholdAmountGte, unbilledEligible, eligibleRate, now, period.End);
        var spendCapAt = spendCap is { } cap ? SpendForecast.TimeToTarget(cap, amountNow, rate, now, period.End) : null;
        return new UsageForecast(
            decimal.Round(rate, 2, MidpointRounding.AwayFromZero),
            new ForecastWindow(windowStart.ToUnixTimeSeconds(), now.ToUnixTimeSeconds(), decimal.Round(days, 4, MidpointRounding.AwayFromZero)),
            (long)decimal.Round(SpendForecast.Projected(amountNow, rate, now, period.End), 0, MidpointRounding.AwayFromZero),
            thresholdAt?.ToUnixTimeSeconds(),
            spendCapAt?.ToUnixTimeSeconds());
    }

    /// <summary>
    /// The line's amount at the window's start: the price of zero usage when the window starts with
    /// the period (fixed fees are no rate), else its cumulative amount through the day before.
    /// </summary>
    private static long? AmountAt(SubscriptionItem item, BillingPeriod period, DateTimeOffset windowStart, IReadOnlyList<DailyLine> series)
    {
        if (windowStart == period.Start)
        {
            return item.Price.Quote(0m) is PriceQuote.Priced priced ? priced.AmountMinor : null;
        }

        var dayBefore = UsageDays.DateOf(windowStart).AddDays(-1);
        return series.LastOrDefault(d => d.Date <= dayBefore)?.CumulativeAmountMinor;
    }
}

using Billing.Domain.Meters;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Domain.Usage;

/// <summary>
/// A meter's usage day by day over a period, priced so that the days add up to the period exactly:
/// a day's amount is the increase of the cumulative amount over it, and the first day's counts from
/// nothing, so it carries the price of zero usage (a first tier's flat fee) too. The cumulative
/// quantity through a day is the period's formula over the events up to its end (sums add up, max
/// keeps the largest, last the latest by event time), which on the period's last day is the period's
/// quantity, so the days' amounts always sum to the period's amount, whatever the price.
/// </summary>
public static class DailySeries
{
    /// <summary>
    /// Every UTC day from the period's first through <paramref name="through"/> (moved later to a day
    /// that has events, never past the period's last day, never before its first).
    /// </summary>
    /// <param name="meterEvents">The period's event count for the meter: the days must account for every one.</param>
    /// <param name="days">The meter's stored days, in any order, one per date.</param>
    /// <returns>
    /// Null when the days do not account for all the meter's events: usage committed before the
    /// ledger kept days has no day, and no series can be derived for that period.
    /// </returns>
    public static IReadOnlyList<DailyLine>? Build(
        BillingPeriod period, DateOnly through, AggregationFormula formula, long meterEvents, IReadOnlyList<MeterDay> days, Price price)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(price);
        if (days.Sum(d => d.Aggregate.EventCount) != meterEvents)
        {
            return null;
        }

        var first = UsageDays.DateOf(period.Start);
        var last = UsageDays.DateOf(period.End.AddTicks(-1));
        var end = days.Count > 0 && days.Max(d => d.Date) > through ? days.Max(d => d.Date) : through;
        end = end > last ? last : end < first ? first : end;
        var byDate = days.ToDictionary(d => d.Date);
        var cumulative = new MeterAggregate(formula);
        long? before = 0;
        var lines = new List<DailyLine>(end.DayNumber - first.DayNumber + 1);
        for (var date = first; date <= end; date = date.AddDays(1))
        {
            var day = byDate.GetValueOrDefault(date);
            if (day is not null)
            {
                cumulative.Merge(day.Aggregate);
            }

            long? amount = price.Quote(cumulative.Quantity) is PriceQuote.Priced priced ? priced.AmountMinor : null;
            lines.Add(new DailyLine(date, day?.Aggregate.EventCount ?? 0, QuantityOf(formula, day), amount - before, amount));
            before = amount;
        }

        return lines;
    }

    // Without an event, max and last have no value for the day; the others count nothing.
    private static decimal? QuantityOf(AggregationFormula formula, MeterDay? day) =>
        day is not null ? day.Aggregate.Quantity
        : formula is AggregationFormula.Max or AggregationFormula.Last ? null
        : 0m;
}

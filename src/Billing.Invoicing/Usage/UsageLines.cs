using System.Globalization;
using Billing.Domain;
using Billing.Domain.Invoicing;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Invoicing.Usage;

/// <summary>
/// A period's metered lines as the usage API shows them (docs/contracts.md §2): per meter the raw
/// quantity, its price rounded once per line, billed and unbilled, and its daily series.
/// </summary>
internal static class UsageLines
{
    /// <param name="through">The last day the series show (today for the current period); a later day with events extends it.</param>
    /// <param name="daily">Whether the lines carry their series (<c>?daily=true</c>).</param>
    public static List<MeteredLine> Build(Subscription subscription, PeriodReading reading, DateOnly through, bool daily)
    {
        var lines = new List<MeteredLine>();
        foreach (var item in subscription.Items.Where(i => i.Meter is not null))
        {
            var meter = item.Meter!;
            var quantity = reading.Usage.QuantityOf(meter.Id);
            var billedAmount = reading.Usage.BilledFor(item.Price.Id).AmountMinor;
            var events = reading.Snapshot?.Meters.GetValueOrDefault(meter.Id)?.EventCount ?? 0;
            var series = DailySeries.Build(reading.Usage.Period, through, meter.Formula, events, reading.Snapshot?.DaysOf(meter.Id) ?? [], item.Price);
            var view = daily ? series?.Select(View).ToArray() : null;
            var line = item.Price.Quote(quantity) switch
            {
                PriceQuote.Priced priced => new MeterUsageLine(
                    meter.Id, item.Price.Id, events, quantity, priced.AmountMinor, billedAmount, priced.AmountMinor - billedAmount, item.IsThresholdEligible, Error: null, view),

                // Shown with its quantity and the reason, never a 500: no invoice can bill it either (docs/contracts.md §2).
                PriceQuote.OutOfRange outOfRange => new MeterUsageLine(
                    meter.Id, item.Price.Id, events, quantity, Amount: null, billedAmount, Unbilled: null, item.IsThresholdEligible, new ErrorDetail(LineAmounts.OutOfRangeCode, outOfRange.Message), view),
                var other => throw new InvalidOperationException($"Unknown price quote {other.GetType().Name}."),
            };
            lines.Add(new MeteredLine(item, line, series));
        }

        return lines;
    }

    private static DailyUsageLine View(DailyLine day) =>
        new(day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Events, day.Quantity, day.AmountMinor);
}

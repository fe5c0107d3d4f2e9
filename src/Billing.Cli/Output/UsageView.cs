using Billing.Cli.Api;

namespace Billing.Cli.Output;

/// <summary>A customer's usage as a reader wants it: per subscription a table of meters, totals and threshold progress.</summary>
internal static class UsageView
{
    private const int BarWidth = 20;

    /// <summary>Shown for an amount the app could not price (docs/contracts.md §2).</summary>
    private const string OutOfRange = "out of range";

    /// <param name="daily">Whether the daily series were asked for (then shown per subscription, or why not).</param>
    public static void Write(TextWriter output, CustomerUsage usage, bool daily = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(usage);
        output.WriteLine($"{usage.Customer}: usage as of {Numbers.Time(usage.AsOf)}");
        if (usage.Subscriptions.Count == 0)
        {
            output.WriteLine("  no subscription in a current period");
        }

        foreach (var subscription in usage.Subscriptions)
        {
            output.WriteLine();
            Write(output, subscription, daily);
        }
    }

    private static void Write(TextWriter output, SubscriptionUsage subscription, bool daily)
    {
        var currency = subscription.Currency;
        output.WriteLine($"  {subscription.Subscription} ({currency}), period {Numbers.Day(subscription.PeriodStart)} to {Numbers.Day(subscription.PeriodEnd)} (end excluded)");
        var table = new TextTable(
            new TableColumn("meter"),
            new TableColumn("price"),
            new TableColumn("events", RightAligned: true),
            new TableColumn("quantity", RightAligned: true),
            new TableColumn("amount", RightAligned: true),
            new TableColumn("billed", RightAligned: true),
            new TableColumn("unbilled", RightAligned: true),
            new TableColumn("threshold"));
        foreach (var meter in subscription.Meters)
        {
            table.Add(
                meter.Meter,
                meter.Price,
                Numbers.Count(meter.Events),
                Numbers.Quantity(meter.Quantity),
                meter.Amount is { } amount ? Money.Format(amount, currency) : OutOfRange,
                Money.Format(meter.Billed, currency),
                meter.Unbilled is { } unbilled ? Money.Format(unbilled, currency) : OutOfRange,
                meter.ThresholdEligible ? "counts" : "cycle only");
        }

        table.Add("total", string.Empty, string.Empty, string.Empty, Money.Format(subscription.Amount, currency), Money.Format(subscription.Billed, currency), Money.Format(subscription.Unbilled, currency), string.Empty);
        table.WriteTo(output, "    ");
        foreach (var meter in subscription.Meters.Where(m => m.Error is not null))
        {
            output.WriteLine($"    {meter.Meter}: {OutOfRange}, left out of the totals and of every invoice ({meter.Error!.Code}): {meter.Error.Message}");
        }

        if (subscription.Threshold is { } threshold)
        {
            var filled = (int)Math.Min(BarWidth, Math.Max(0m, threshold.Progress) * BarWidth);
            output.WriteLine(
                $"    threshold: {Money.Format(threshold.UnbilledEligible, currency)} of {Money.Format(threshold.AmountGte, currency)} unbilled eligible usage " +
                $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] {Numbers.Percent(threshold.Progress)}" +
                (threshold.Progress >= 1 ? ": a threshold invoice is due" : string.Empty));
        }

        if (subscription.Forecast is { } forecast)
        {
            output.WriteLine(
                $"    forecast: {Money.Format((long)decimal.Round(forecast.RatePerDay, 0, MidpointRounding.AwayFromZero), currency)} a day " +
                $"(the last {forecast.Window.Days.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} days), {Money.Format(forecast.ProjectedAmount, currency)} at the period's end; " +
                $"threshold {(forecast.ThresholdAt is { } at ? "reached at " + Numbers.Time(at) : "not reached at this rate")}" +
                (forecast.SpendCapAt is { } cap ? $"; spend cap reached at {Numbers.Time(cap)}" : string.Empty));
        }

        if (subscription.InvoicedAt is { } invoicedAt)
        {
            output.WriteLine($"    cycle invoice issued {Numbers.Time(invoicedAt)}");
        }

        if (subscription.LateEvents > 0)
        {
            output.WriteLine($"    late events (billed on the next cycle invoice): {Numbers.Count(subscription.LateEvents)}");
        }

        if (subscription.EndedPeriod is { } ended)
        {
            output.WriteLine(
                $"    ended period {Numbers.Day(ended.PeriodStart)} to {Numbers.Day(ended.PeriodEnd)}: {Money.Format(ended.Unbilled, currency)} unbilled " +
                $"of {Money.Format(ended.Amount, currency)}, billed on its cycle invoice");
        }

        if (daily)
        {
            WriteDaily(output, subscription);
        }
    }

    // Days as rows, meters as columns: each cell the day's increase of the meter's amount.
    private static void WriteDaily(TextWriter output, SubscriptionUsage subscription)
    {
        foreach (var meter in subscription.Meters.Where(m => m.Daily is null))
        {
            output.WriteLine($"    {meter.Meter}: no daily series (usage committed before the app kept days)");
        }

        var meters = subscription.Meters.Where(m => m.Daily is not null).ToArray();
        if (meters.Length == 0)
        {
            return;
        }

        var currency = subscription.Currency;
        var columns = new List<TableColumn> { new("day") };
        columns.AddRange(meters.Select(m => new TableColumn(m.Meter, RightAligned: true)));
        columns.Add(new TableColumn("total", RightAligned: true));
        var table = new TextTable([.. columns]);
        foreach (var date in meters.SelectMany(m => m.Daily!).Select(d => d.Date).Distinct().Order(StringComparer.Ordinal))
        {
            var days = meters.Select(m => m.Daily!.FirstOrDefault(d => d.Date == date)).ToArray();
            var cells = new List<string> { date };
            cells.AddRange(days.Select(d => d?.Amount is { } amount ? Money.Format(amount, currency) : OutOfRange));
            cells.Add(days.All(d => d?.Amount is not null) ? Money.Format(days.Sum(d => d!.Amount!.Value), currency) : OutOfRange);
            table.Add([.. cells]);
        }

        output.WriteLine("    daily amounts (UTC days by event time):");
        table.WriteTo(output, "    ");
    }
}

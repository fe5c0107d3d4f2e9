using System.Globalization;
using System.Text;
using static Billing.Invoicing.Dashboard.HtmlText;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// The daily spend of one subscription's period as an inline SVG bar chart (every UTC day of the
/// period up to today, meters added up), labelled for assistive technology, with the same numbers
/// as a table under a disclosure for those who cannot see the bars.
/// </summary>
internal static class SpendChart
{
    private const int Height = 160;
    private const int BarWidth = 18;
    private const int Gap = 4;
    private const int Bottom = 22;

    /// <param name="id">Unique in the page: the chart's ids derive from it.</param>
    public static string Render(string id, SubscriptionPanel panel, DateTimeOffset now)
    {
        var usage = panel.Usage;
        if (panel.Daily.Count == 0)
        {
            return "<p class=\"muted\">No daily series for this period yet.</p>\n";
        }

        var first = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(usage.PeriodStart).UtcDateTime);
        var end = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(usage.PeriodEnd).UtcDateTime);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var lastWithUsage = panel.Daily.Max(d => d.Date);
        var last = new[] { today, lastWithUsage }.Max();
        if (last >= end)
        {
            last = end.AddDays(-1);
        }

        var byDay = panel.Daily.GroupBy(d => d.Date).ToDictionary(g => g.Key, g => g.Sum(d => d.Amount));
        var days = new List<(DateOnly Day, long Amount)>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add((day, byDay.GetValueOrDefault(day)));
        }

        var max = Math.Max(1, days.Max(d => d.Amount));
        var width = days.Count * (BarWidth + Gap) + Gap;
        var titleId = $"{id}-title";
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {width} {Height + Bottom}\" width=\"{width}\" role=\"img\" aria-labelledby=\"{titleId}\">")
            .Append($"<title id=\"{titleId}\">Daily spend of {E(usage.Subscription)}, {Day(first)} to {Day(last)}: highest {Money(max, usage.Currency)} a day; total {Money(days.Sum(d => d.Amount), usage.Currency)}. The table below has every day.</title>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"{Height}\" x2=\"{width}\" y2=\"{Height}\" stroke=\"#4d4d4d\"/>");
        for (var i = 0; i < days.Count; i++)
        {
            var (day, amount) = days[i];
            var barHeight = amount == 0 ? 0 : Math.Max(2, (int)Math.Round(amount * (Height - 8) / (double)max, MidpointRounding.AwayFromZero));
            var x = Gap + i * (BarWidth + Gap);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{Height - barHeight}\" width=\"{BarWidth}\" height=\"{barHeight}\" fill=\"#1a4fd6\"><title>{Day(day)}: {Money(amount, usage.Currency)}</title></rect>");
            if (day.Day == 1 || i == 0 || day.Day % 7 == 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Height + 16}\" font-size=\"12\" fill=\"#1a1a1a\">{day.Day}</text>");
            }
        }

        svg.Append("</svg>");

        var table = new StringBuilder("<table class=\"stack\"><thead><tr><th scope=\"col\">Day (UTC)</th><th scope=\"col\">Meter</th><th scope=\"col\" class=\"num\">Quantity</th><th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>\n");
        foreach (var line in panel.Daily.OrderBy(d => d.Date).ThenBy(d => d.Meter, StringComparer.Ordinal))
        {
            table.Append("<tr>").Append(Td("Day (UTC)", Day(line.Date))).Append(Td("Meter", E(line.Meter)))
                .Append(Td("Quantity", Quantity(line.Quantity), number: true)).Append(Td("Amount", Money(line.Amount, usage.Currency), number: true)).Append("</tr>\n");
        }

        table.Append("</tbody></table>");
        return $"<figure style=\"margin:0\">{PageLayout.Scroll($"Daily spend chart of {usage.Subscription}", svg.ToString())}</figure>\n"
            + $"<details><summary>Daily spend of {E(usage.Subscription)} as a table</summary>{PageLayout.Scroll($"Daily spend of {usage.Subscription}", table.ToString())}</details>\n";
    }
}

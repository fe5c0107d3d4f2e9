using System.Text;
using Billing.Invoicing.Outbound;
using static Billing.Invoicing.Dashboard.HtmlText;

namespace Billing.Invoicing.Dashboard;

/// <summary>Outbound events as a table (admin pages only: deliveries name the receivers' URLs).</summary>
internal static class EventTable
{
    public static string Render(IReadOnlyList<EventView> events)
    {
        var table = new StringBuilder("<table class=\"stack\"><thead><tr><th scope=\"col\">Created</th><th scope=\"col\">Type</th><th scope=\"col\">Event</th><th scope=\"col\">Deliveries</th></tr></thead><tbody>\n");
        foreach (var recorded in events)
        {
            table.Append("<tr>").Append(Td("Created", TimeElement(DateTimeOffset.FromUnixTimeSeconds(recorded.Created)))).Append(Td("Type", E(recorded.Type)))
                .Append(Td("Event", E(recorded.Id))).Append(Td("Deliveries", Deliveries(recorded))).Append("</tr>\n");
        }

        return table.Append("</tbody></table>").ToString();
    }

    private static string Deliveries(EventView recorded) => recorded.Deliveries.Count == 0
        ? "<span class=\"muted\">no endpoint</span>"
        : string.Join(", ", recorded.Deliveries
            .GroupBy(d => d.Status, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{N(g.Count())} {E(g.Key)}"));
}

using System.Text;
using Billing.Invoicing.Outbound;
using static Billing.Invoicing.Dashboard.HtmlText;

namespace Billing.Invoicing.Dashboard;

/// <summary>The admin's list page: a page of customers, one row per subscription, a pager and the latest outbound events.</summary>
internal static class DashboardListPage
{
    public static string Render(DashboardListView view, DashboardLinks links)
    {
        var body = new StringBuilder();
        body.Append("<ul class=\"cards\">")
            .Append($"<li>Customers<b>{N(view.CustomerCount)}</b></li>")
            .Append($"<li>Page<b>{N(view.Page)} of {N(view.PageCount)}</b></li>")
            .Append($"<li>Subscriptions on this page<b>{N(view.Customers.Sum(c => c.Subscriptions.Count))}</b></li>")
            .Append("</ul>\n");

        body.Append("<h2 id=\"customers\">Customers, current period</h2>\n");
        var table = new StringBuilder();
        table.Append("<table class=\"stack\" aria-labelledby=\"customers\"><thead><tr>")
            .Append("<th scope=\"col\">Customer</th><th scope=\"col\">Subscription</th><th scope=\"col\">Period</th>")
            .Append("<th scope=\"col\" class=\"num\">Spend</th><th scope=\"col\" class=\"num\">Billed</th><th scope=\"col\" class=\"num\">Unbilled</th>")
            .Append("<th scope=\"col\">Threshold</th><th scope=\"col\">Cap</th><th scope=\"col\">Forecast</th></tr></thead><tbody>\n");
        foreach (var customer in view.Customers)
        {
            var name = customer.Name is { Length: > 0 } n ? $" <span class=\"muted name\">{E(n)}</span>" : string.Empty;
            var head = RowTh("Customer", $"<a href=\"{E(links.Customer(customer.Id))}\">{E(customer.Id)}</a>{name}");
            if (customer.Subscriptions.Count == 0)
            {
                table.Append($"<tr>{head}<td colspan=\"8\" class=\"muted\" data-label=\"Subscription\">no subscription in a current period</td></tr>\n");
                continue;
            }

            foreach (var panel in customer.Subscriptions)
            {
                var usage = panel.Usage;
                table.Append("<tr>").Append(head)
                    .Append(Td("Subscription", E(usage.Subscription))).Append(Td("Period", PanelCells.Period(panel)))
                    .Append(Td("Spend", Money(usage.Amount, usage.Currency), number: true))
                    .Append(Td("Billed", Money(usage.Billed, usage.Currency), number: true))
                    .Append(Td("Unbilled", Money(usage.Unbilled, usage.Currency), number: true))
                    .Append(Td("Threshold", PanelCells.Threshold(panel))).Append(Td("Cap", PanelCells.Cap(panel))).Append(Td("Forecast", PanelCells.Forecast(panel)))
                    .Append("</tr>\n");
            }
        }

        table.Append("</tbody></table>");
        body.Append(PageLayout.Scroll("Customers, current period", table.ToString()));
        body.Append(Pager(view, links));
        body.Append(RecentEvents(view.RecentEvents));
        return PageLayout.Render("Spend dashboard", "admin", body.ToString(), view.AsOf);
    }

    private static string Pager(DashboardListView view, DashboardLinks links)
    {
        if (view.PageCount == 1)
        {
            return string.Empty;
        }

        var pager = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages of customers\"><ul>");
        if (view.Page > 1)
        {
            pager.Append($"<li><a href=\"{E(links.List(view.Page - 1))}\" rel=\"prev\">Previous</a></li>");
        }

        foreach (var page in Pages(view.Page, view.PageCount))
        {
            pager.Append(page switch
            {
                0 => "<li><span aria-hidden=\"true\">…</span></li>",
                _ when page == view.Page => $"<li><span aria-current=\"page\">Page {N(page)}</span></li>",
                _ => $"<li><a href=\"{E(links.List(page))}\">Page {N(page)}</a></li>",
            });
        }

        if (view.Page < view.PageCount)
        {
            pager.Append($"<li><a href=\"{E(links.List(view.Page + 1))}\" rel=\"next\">Next</a></li>");
        }

        return pager.Append("</ul></nav>\n").ToString();
    }

    // The first, the last and two either side of the current page; 0 stands for a gap.
    private static IEnumerable<int> Pages(int current, int count)
    {
        var last = 0;
        for (var page = 1; page <= count; page++)
        {
            if (page == 1 || page == count || Math.Abs(page - current) <= 2)
            {
                if (last != 0 && page != last + 1)
                {
                    yield return 0;
                }

                yield return page;
                last = page;
            }
        }
    }

    private static string RecentEvents(IReadOnlyList<EventView> events)
    {
        var section = new StringBuilder("<h2 id=\"events\">Recent outbound events</h2>\n");
        if (events.Count == 0)
        {
            return section.Append("<p class=\"muted\">No event has been published yet.</p>\n").ToString();
        }

        return section.Append(PageLayout.Scroll("Recent outbound events", EventTable.Render(events))).ToString();
    }
}

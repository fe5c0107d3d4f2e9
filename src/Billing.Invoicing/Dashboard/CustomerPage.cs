using System.Text;
using static Billing.Invoicing.Dashboard.HtmlText;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// One customer's page: each subscription's current period (figures, meters, daily chart), the
/// invoices, the alert rules and, for the admin only, the outbound events about the customer and a
/// way back to the list. The portal renders the same page without the admin's parts.
/// </summary>
internal static class CustomerPage
{
    /// <param name="links">The admin's links; null renders the portal (no link to any other page).</param>
    public static string Render(CustomerDetailView view, DashboardLinks? links)
    {
        var customer = view.Customer;
        var body = new StringBuilder();
        if (links is not null)
        {
            body.Append($"<p><a href=\"{E(links.List(1))}\">← All customers</a></p>\n");
        }

        if (customer.Name is { Length: > 0 } name)
        {
            body.Append($"<p>Name: {E(name)}</p>\n");
        }

        if (customer.Subscriptions.Count == 0)
        {
            body.Append("<p class=\"muted\">No subscription is in a current period.</p>\n");
        }

        var index = 0;
        foreach (var panel in customer.Subscriptions)
        {
            body.Append(Subscription(panel, ++index, view.AsOf));
        }

        body.Append(Invoices(view.Invoices));
        body.Append(Alerts(view.Alerts));
        if (view.Events is { } events)
        {
            body.Append("<h2>Outbound events about this customer</h2>\n");
            body.Append(events.Count == 0
                ? $"<p class=\"muted\">None among the latest {N(DashboardReader.EventsScanned)} events.</p>\n"
                : PageLayout.Scroll("Outbound events about this customer", EventTable.Render(events)));
        }

        var title = links is null ? $"Usage and invoices of {customer.Id}" : $"Customer {customer.Id}";
        return PageLayout.Render(title, links is null ? "customer portal (read-only)" : "admin", body.ToString(), view.AsOf);
    }

    private static string Subscription(SubscriptionPanel panel, int index, DateTimeOffset now)
    {
        var usage = panel.Usage;
        var section = new StringBuilder();
        section.Append($"<h2>Subscription {E(usage.Subscription)}</h2>\n")
            .Append($"<p>Current period {PanelCells.Period(panel)} (UTC).</p>\n")
            .Append("<ul class=\"cards\">")
            .Append($"<li>Spend this period<b>{Money(usage.Amount, usage.Currency)}</b></li>")
            .Append($"<li>Billed<b>{Money(usage.Billed, usage.Currency)}</b></li>")
            .Append($"<li>Unbilled<b>{Money(usage.Unbilled, usage.Currency)}</b></li>")
            .Append(usage.Threshold is { } threshold
                ? $"<li>Threshold progress<b>{Percent(threshold.Progress)}</b><span class=\"muted\">of {Money(threshold.AmountGte, usage.Currency)}</span></li>"
                : "<li>Threshold progress<b>none</b></li>")
            .Append($"<li>Spend cap<b>{(panel.Cap is { } cap ? E(cap.State) : "none")}</b>{(panel.Cap is { } c ? $"<span class=\"muted\">{Money(c.SpendCap, usage.Currency)}</span>" : string.Empty)}</li>")
            .Append($"<li>Forecast at period end<b>{(panel.Forecast is { } f ? Money(f.ProjectedAmount, usage.Currency) : "none")}</b>{ForecastNote(panel)}</li>")
            .Append("</ul>\n");

        var meters = new StringBuilder("<table class=\"stack\"><thead><tr><th scope=\"col\">Meter</th><th scope=\"col\" class=\"num\">Events</th><th scope=\"col\" class=\"num\">Quantity</th><th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\" class=\"num\">Billed</th><th scope=\"col\" class=\"num\">Unbilled</th></tr></thead><tbody>\n");
        foreach (var line in usage.Meters)
        {
            var amount = line.Amount is { } a ? Money(a, usage.Currency) : $"<span class=\"failed badge\">{E(line.Error?.Code)}</span>";
            var unbilled = line.Unbilled is { } u ? Money(u, usage.Currency) : "—";
            meters.Append("<tr>").Append(RowTh("Meter", E(line.Meter))).Append(Td("Events", Quantity(line.Events), number: true))
                .Append(Td("Quantity", Quantity(line.Quantity), number: true)).Append(Td("Amount", amount, number: true))
                .Append(Td("Billed", Money(line.Billed, usage.Currency), number: true)).Append(Td("Unbilled", unbilled, number: true)).Append("</tr>\n");
        }

        meters.Append("</tbody></table>");
        section.Append("<h3>Meters</h3>\n").Append(PageLayout.Scroll($"Meters of {usage.Subscription}", meters.ToString()));
        section.Append("<h3>Daily spend</h3>\n").Append(SpendChart.Render($"chart-{index}", panel, now));
        return section.ToString();
    }

    private static string ForecastNote(SubscriptionPanel panel) => panel.Forecast switch
    {
        { ThresholdAt: { } at } => $"<span class=\"muted\">threshold by {TimeElement(at)}</span>",
        { SpendCapAt: { } at } => $"<span class=\"muted\">cap by {TimeElement(at)}</span>",
        _ => string.Empty,
    };

    private static string Invoices(IReadOnlyList<InvoiceView> invoices)
    {
        var section = new StringBuilder("<h2>Invoices</h2>\n");
        if (invoices.Count == 0)
        {
            return section.Append("<p class=\"muted\">No invoice yet.</p>\n").ToString();
        }

        var table = new StringBuilder("<table class=\"stack\"><thead><tr><th scope=\"col\">Invoice</th><th scope=\"col\">Reason</th><th scope=\"col\">Period</th><th scope=\"col\" class=\"num\">Total</th><th scope=\"col\">Status</th><th scope=\"col\">Stripe</th></tr></thead><tbody>\n");
        foreach (var invoice in invoices)
        {
            // Stripe's page opens in a new tab, without our page as opener or referrer (it may carry the portal's signed link).
            var stripe = HostedPage(invoice) is { } hosted
                ? $"<a href=\"{E(hosted.AbsoluteUri)}\" target=\"_blank\" rel=\"noopener noreferrer\">View invoice {E(invoice.StripeInvoiceId ?? invoice.Id)}</a>"
                : invoice.StripeInvoiceId is { } id ? E(id) : "<span class=\"muted\">not sent yet</span>";
            table.Append("<tr>").Append(RowTh("Invoice", E(invoice.Id))).Append(Td("Reason", E(invoice.BillingReason)))
                .Append(Td("Period", $"{Day(invoice.PeriodStart)} to {Day(invoice.PeriodEnd)}")).Append(Td("Total", Money(invoice.Total, invoice.Currency), number: true))
                .Append(Td("Status", $"<span class=\"badge {StatusClass(invoice.Status)}\">{E(invoice.Status)}</span>")).Append(Td("Stripe", stripe)).Append("</tr>\n");
        }

        return section.Append(PageLayout.Scroll("Invoices", table.Append("</tbody></table>").ToString())).ToString();
    }

    /// <summary>The invoice's hosted page when Stripe gave one; anything but an absolute http(s) URL is shown as no link.</summary>
    private static Uri? HostedPage(InvoiceView invoice) =>
        Uri.TryCreate(invoice.HostedInvoiceUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;

    private static string StatusClass(string status) => status switch
    {
        "paid" => "ok",
        "void" or "uncollectible" => "failed",
        _ => "warning",
    };

    private static string Alerts(IReadOnlyList<AlertRuleView> alerts)
    {
        var section = new StringBuilder("<h2>Alerts</h2>\n");
        if (alerts.Count == 0)
        {
            return section.Append("<p class=\"muted\">No alert rule.</p>\n").ToString();
        }

        var table = new StringBuilder("<table class=\"stack\"><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Subscription</th><th scope=\"col\">On</th><th scope=\"col\" class=\"num\">At or over</th><th scope=\"col\">This period</th></tr></thead><tbody>\n");
        foreach (var rule in alerts)
        {
            var on = rule.Type == "usage" ? $"usage of {E(rule.Meter)}" : "spend";
            var gte = rule.Type == "usage" ? Quantity(rule.Gte) : E(rule.Gte.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)) + " (minor units)";
            var fired = rule.FiredThisPeriod ? "<span class=\"badge warning\">fired</span>" : "<span class=\"muted\">not fired</span>";
            table.Append("<tr>").Append(RowTh("Rule", E(rule.Id))).Append(Td("Subscription", E(rule.Subscription))).Append(Td("On", on))
                .Append(Td("At or over", gte, number: true)).Append(Td("This period", fired)).Append("</tr>\n");
        }

        return section.Append(PageLayout.Scroll("Alerts", table.Append("</tbody></table>").ToString())).ToString();
    }
}

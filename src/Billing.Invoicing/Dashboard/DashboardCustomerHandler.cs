namespace Billing.Invoicing.Dashboard;

/// <summary><c>GET /api/dashboard/customers/{id}</c> (admin): one customer's page, outbound events included.</summary>
public sealed class DashboardCustomerHandler(DashboardReader reader)
{
    public async Task<HtmlPage> HandleAsync(string customer, DashboardLinks links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        return await reader.ReadCustomerDetailAsync(customer, admin: true, cancellationToken).ConfigureAwait(false) is { } view
            ? new HtmlPage(200, CustomerPage.Render(view, links))
            : HtmlPage.Refusal(404, "No such customer", $"The catalog has no customer '{customer}'.");
    }
}

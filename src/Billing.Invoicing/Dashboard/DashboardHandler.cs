namespace Billing.Invoicing.Dashboard;

/// <summary><c>GET /api/dashboard[?page=]</c> (admin): a page of customers with their current period, and the latest outbound events.</summary>
public sealed class DashboardHandler(DashboardReader reader)
{
    /// <param name="page">1-based; null for the first. One past the last is 404 with a link to the first.</param>
    public async Task<HtmlPage> HandleAsync(int? page, DashboardLinks links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        var number = page ?? 1;
        if (number < 1 || number > reader.PageCount)
        {
            return HtmlPage.Refusal(404, "No such page", $"The dashboard has pages 1 to {reader.PageCount}.");
        }

        return new HtmlPage(200, DashboardListPage.Render(await reader.ReadListAsync(number, cancellationToken).ConfigureAwait(false), links));
    }
}

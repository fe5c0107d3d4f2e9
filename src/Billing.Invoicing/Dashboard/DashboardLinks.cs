namespace Billing.Invoicing.Dashboard;

/// <summary>
/// The admin pages' links. A browser cannot send the <c>x-functions-key</c> header, so the admin
/// opens the dashboard with the key as query <c>code</c> (as the Functions host accepts it), and
/// every link between admin pages carries it on; the pages answer with <c>Referrer-Policy:
/// no-referrer</c> so that it does not leak to a link outside.
/// </summary>
/// <param name="Code">The function key the page was opened with, or null (sent as a header).</param>
public sealed record DashboardLinks(string? Code)
{
    public string List(int page) => Query("/api/dashboard", page == 1 ? null : $"page={page}");

    public string Customer(string id) => Query($"/api/dashboard/customers/{Uri.EscapeDataString(id)}", null);

    private string Query(string path, string? query)
    {
        var parts = new[] { query, Code is null ? null : $"code={Uri.EscapeDataString(Code)}" }.Where(p => p is not null);
        var joined = string.Join("&", parts);
        return joined.Length == 0 ? path : $"{path}?{joined}";
    }
}

using Billing.Invoicing.Dashboard;

namespace Billing.Functions.Hosting;

/// <summary>
/// How the dashboard and portal pages are answered: HTML, never cached (they show live figures and
/// may carry a key or token in their URL), sent to no other site as a referrer, not framed, and
/// allowed no script or outside resource (the pages need none).
/// </summary>
internal static class HtmlAnswer
{
    public static IResult Of(HttpRequest request, HtmlPage page)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(page);
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return TypedResults.Content(page.Html, HtmlPage.ContentType, statusCode: page.Status);
    }

    /// <summary>The admin's key when the page was opened with it in the query (<c>code</c>), for the links between pages.</summary>
    public static DashboardLinks Links(HttpRequest request) =>
        new(request.Query["code"].FirstOrDefault() is { Length: > 0 } code ? code : null);
}

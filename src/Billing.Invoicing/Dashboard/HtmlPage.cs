namespace Billing.Invoicing.Dashboard;

/// <summary>A rendered page and the HTTP status to answer it with.</summary>
public sealed record HtmlPage(int Status, string Html)
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>A page that refuses with a title and one sentence, nothing of any customer.</summary>
    public static HtmlPage Refusal(int status, string title, string message) => new(status, PageLayout.Refusal(title, message));
}

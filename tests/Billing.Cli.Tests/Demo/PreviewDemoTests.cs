using Billing.Cli.Api;
using Billing.Cli.Demo;
using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests.Demo;

/// <summary>The demo's last step against a scripted app: cus_A's upcoming invoice, the dashboard URL and a portal link.</summary>
public sealed class PreviewDemoTests
{
    private const string Upcoming = "GET /api/invoices/upcoming?subscription=sub_A";
    private const string Links = "POST /api/customers/cus_A/portal_links";

    private const string Preview = """
        {"id": "sub_A.1767225600.cycle", "customer": "cus_A", "subscription": "sub_A",
         "billing_reason": "subscription_cycle", "period_start": 1767225600, "period_end": 1769904000, "currency": "usd",
         "lines": [{"price": "price_compute", "meter": "compute_seconds", "quantity": 23457, "amount": 235,
                    "period_start": 1767225600, "period_end": 1769904000}],
         "total": 235, "status": "preview", "stripe_invoice_id": null}
        """;

    private const string Link = """{"customer": "cus_A", "url": "http://127.0.0.1:7071/api/portal?token=t0k3n", "expires_at": 1768870800}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_Subscription_PrintsThePreviewTheDashboardAndAPortalLink()
    {
        await using var app = await ScriptedServer.StartAsync(request => request switch { Upcoming => Preview, Links => Link, _ => null }, withQuery: true);
        using var output = new StringWriter();
        var environment = CliRun.Environment(output, new StringWriter(), new Dictionary<string, string>(), null, new FixedNowTimeProvider(CliRun.Now));
        using (var api = new ApiClient(new CliSettings(app.Url, "key", CliSettings.DefaultConnection)))
        {
            await new PreviewDemo(api, environment, new Uri("http://127.0.0.1:7071/api/dashboard?code=key")).RunAsync(Subscription(), Ct);
        }

        Assert.Equal([Upcoming, Links], app.Requests);
        Assert.Equal("""{"expires_in":3600}""", app.Bodies.Last());
        var text = output.ToString();
        Assert.Contains("sub_A.1767225600.cycle: the subscription_cycle invoice of sub_A (cus_A) for 2026-01-01 to 2026-02-01, if no more usage arrives", text, StringComparison.Ordinal);
        Assert.Contains("price_compute  compute_seconds", text, StringComparison.Ordinal);
        Assert.Contains("  the spend dashboard: http://127.0.0.1:7071/api/dashboard?code=key", text, StringComparison.Ordinal);
        Assert.Contains("portal (read-only, only cus_A, until", text, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:7071/api/portal?token=t0k3n", text, StringComparison.Ordinal);
    }

    private static SubscriptionUsage Subscription() => System.Text.Json.JsonSerializer.Deserialize(
        """
        {"customer":"cus_A","as_of":1768867200,"subscriptions":[{
          "subscription":"sub_A","currency":"usd","period_start":1767225600,"period_end":1769904000,
          "meters":[],"amount":0,"billed":0,"unbilled":0,
          "threshold":{"amount_gte":5000,"unbilled_eligible":0,"progress":0},"late_events":0}]}
        """,
        ApiJson.Default.CustomerUsage)!.Subscriptions[0];
}

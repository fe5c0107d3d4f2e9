using System.Net;
using System.Text.Json;
using Billing.Testing;

namespace Billing.Functions.Tests.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c> and <c>GET /api/dashboard/customers/{id}</c> over HTTP on Azurite: the
/// seeded usage, invoices and (through the seams) caps, forecasts, daily series and alerts, as HTML.
/// What a browser makes of them is DashboardBrowserTests.
/// </summary>
public sealed class DashboardPagesTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetDashboard_SeededUsage_ListsEveryCustomerWithSpendBilledUnbilledAndThreshold()
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp().CreateClient();
        await DashboardSeed.PostUsageAsync(client);
        var usage = JsonDocument.Parse(await client.GetStringAsync("/api/customers/cus_A/usage", Ct)).RootElement.GetProperty("subscriptions")[0];

        var (status, html) = await GetPageAsync(client, "/api/dashboard?code=k3y");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        foreach (var customer in AppHarness.Customers)
        {
            Assert.Contains($"<a href=\"/api/dashboard/customers/{customer}?code=k3y\">{customer}</a>", html, StringComparison.Ordinal);
        }

        Assert.Contains($"<td data-label=\"Spend\" class=\"num\"><span>{Usd(usage.GetProperty("amount").GetInt64())}</span></td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td data-label=\"Unbilled\" class=\"num\"><span>{Usd(usage.GetProperty("unbilled").GetInt64())}</span></td>", html, StringComparison.Ordinal);
        Assert.Contains("of 100.00 USD", html, StringComparison.Ordinal); // the threshold, amount_gte 10000
        Assert.Contains("no cap", html, StringComparison.Ordinal); // cus_B and cus_C have none
        Assert.Contains("<span class=\"muted\">at period end</span>", html, StringComparison.Ordinal); // the usage API's forecast
        Assert.Contains("No event has been published yet.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDashboard_Answer_IsHtmlNeverCachedAndSendsNoReferrer()
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.GetAsync("/api/dashboard", Ct);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDashboard_ThousandCustomers_PagesOfFiftyWithAPagerThatCarriesTheKey()
    {
        var customers = Enumerable.Range(1, 1_000).Select(i => $"cus_{i:D4}").ToArray();
        var catalogPath = Path.Combine(Path.GetTempPath(), $"billing-dashboard-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalogPath, TestCatalogs.Build(customers, TestCatalogs.Anchor, 10_000), Ct);
        try
        {
            await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings(catalogPath));
            using var client = harness.StartWebApp().CreateClient();

            var (status, html) = await GetPageAsync(client, "/api/dashboard?page=7&code=k");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Page<b>7 of 20</b>", html, StringComparison.Ordinal);
            Assert.Contains(">cus_0301</a>", html, StringComparison.Ordinal);
            Assert.Contains(">cus_0350</a>", html, StringComparison.Ordinal);
            Assert.DoesNotContain(">cus_0300</a>", html, StringComparison.Ordinal);
            Assert.DoesNotContain(">cus_0351</a>", html, StringComparison.Ordinal);
            Assert.Contains("<nav class=\"pager\" aria-label=\"Pages of customers\">", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/api/dashboard?page=6&amp;code=k\" rel=\"prev\">Previous</a>", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/api/dashboard?page=8&amp;code=k\" rel=\"next\">Next</a>", html, StringComparison.Ordinal);
            Assert.Contains("<span aria-current=\"page\">Page 7</span>", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/api/dashboard?page=20&amp;code=k\">Page 20</a>", html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(catalogPath);
        }
    }

    [Theory]
    [InlineData("/api/dashboard?page=0", HttpStatusCode.NotFound, "pages 1 to 1")]
    [InlineData("/api/dashboard?page=2", HttpStatusCode.NotFound, "pages 1 to 1")]
    [InlineData("/api/dashboard?page=abc", HttpStatusCode.BadRequest, "page must be a single whole number")]
    [InlineData("/api/dashboard?page=1&page=2", HttpStatusCode.BadRequest, "page must be a single whole number")]
    [InlineData("/api/dashboard/customers/cus_nobody", HttpStatusCode.NotFound, "no customer &#39;cus_nobody&#39;")]
    public async Task GetDashboard_BadPageOrUnknownCustomer_PageSayingWhy(string url, HttpStatusCode expected, string message)
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp().CreateClient();

        var (status, html) = await GetPageAsync(client, url);

        Assert.Equal(expected, status);
        Assert.Contains(message, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDashboardCustomer_SeededWithTheSeams_ShowsCapForecastChartInvoiceLinkAlertsAndNothingOfOthers()
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp(services: DashboardSeed.Seams).CreateClient();
        await DashboardSeed.PostUsageAsync(client);
        await DashboardSeed.StorePaidInvoiceAsync(harness, Ct);

        var (status, html) = await GetPageAsync(client, "/api/dashboard/customers/cus_A");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Customer cus_A</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Spend cap<b>ok</b><span class=\"muted\">1,000.00 USD</span>", html, StringComparison.Ordinal);
        Assert.Contains("Forecast at period end<b>92.00 USD</b>", html, StringComparison.Ordinal);
        Assert.Contains("<title>2026-01-05: 18.00 USD</title>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge ok\">paid</span>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://invoice.stripe.test/i/in_dashboard_test_1\" target=\"_blank\" rel=\"noopener noreferrer\">View invoice in_dashboard_test_1</a>", html, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"Total\" class=\"num\"><span>75.00 USD</span></td>", html, StringComparison.Ordinal);
        Assert.Contains("alr_spend_a", html, StringComparison.Ordinal);
        Assert.Contains("usage of compute_seconds", html, StringComparison.Ordinal);
        Assert.Contains("Outbound events about this customer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cus_B", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDashboardCustomer_RealUsage_ChartsTheUsageApisDailySeriesAndShowsItsForecast()
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp().CreateClient();
        await DashboardSeed.PostUsageAsync(client);
        var usage = JsonDocument.Parse(await client.GetStringAsync("/api/customers/cus_A/usage?daily=true", Ct)).RootElement.GetProperty("subscriptions")[0];
        var days = usage.GetProperty("meters").EnumerateArray()
            .SelectMany(m => m.GetProperty("daily").EnumerateArray())
            .Where(d => d.GetProperty("events").GetInt64() > 0)
            .GroupBy(d => d.GetProperty("date").GetString()!, d => d.GetProperty("amount").GetInt64())
            .ToDictionary(g => g.Key, g => g.Sum());

        var (status, html) = await GetPageAsync(client, "/api/dashboard/customers/cus_A");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["2026-01-05", "2026-01-11"], days.Keys.Order(StringComparer.Ordinal));
        Assert.All(days, d => Assert.Contains($"<title>{d.Key}: {Usd(d.Value)}</title>", html, StringComparison.Ordinal));
        var projected = usage.GetProperty("forecast").GetProperty("projected_amount").GetInt64();
        Assert.Contains($"Forecast at period end<b>{Usd(projected)}</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDashboard_SubscriptionOverItsSpendCap_ListAndCustomerPageShowCapped()
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp().CreateClient();
        await DashboardSeed.PostUsageAsync(client);
        Assert.Equal(HttpStatusCode.OK, await DashboardSeed.PutSpendCapAsync(client, "sub_cus_A", 2_000));
        var amount = JsonDocument.Parse(await client.GetStringAsync("/api/customers/cus_A/usage", Ct)).RootElement.GetProperty("subscriptions")[0].GetProperty("amount").GetInt64();

        var (_, list) = await GetPageAsync(client, "/api/dashboard");
        var (_, detail) = await GetPageAsync(client, "/api/dashboard/customers/cus_A");

        Assert.True(amount >= 2_000, $"cus_A's amount {amount} is over the cap");
        Assert.Contains($"<span class=\"badge capped\">capped</span> <span class=\"muted\">{Usd(amount)} of 20.00 USD</span>", list, StringComparison.Ordinal);
        Assert.Contains("Spend cap<b>capped</b><span class=\"muted\">20.00 USD</span>", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDashboardCustomer_InvoiceWithoutHostedUrl_ShowsTheStripeIdWithoutALink()
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp().CreateClient();
        await DashboardSeed.StorePaidInvoiceAsync(harness, Ct, hostedInvoiceUrl: null);

        var (status, html) = await GetPageAsync(client, "/api/dashboard/customers/cus_A");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<td data-label=\"Stripe\"><span>in_dashboard_test_1</span></td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("View invoice", html, StringComparison.Ordinal);
    }

    private static string Usd(long minor) => $"{(minor / 100m).ToString("N2", System.Globalization.CultureInfo.InvariantCulture)} USD";

    private static async Task<(HttpStatusCode Status, string Html)> GetPageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}

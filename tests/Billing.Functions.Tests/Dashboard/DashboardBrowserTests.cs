using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Functions.Tests.Hosting;
using Billing.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Billing.Functions.Tests.Dashboard;

/// <summary>
/// The dashboard and the portal in headless Chromium (<see cref="ChromiumBrowser"/>), served by the
/// app on a loopback port over Azurite: they render the seeded data at desktop and phone widths,
/// can be used by keyboard, pass an axe accessibility check, and the portal shows one customer
/// only and refuses an expired link. The run saves screenshots to docs/screenshots (linked from
/// the README).
/// </summary>
public sealed class DashboardBrowserTests(AzuriteFixture azurite, ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    private static readonly DateTimeOffset WallNow = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_SeededData_ListAndCustomerPageRenderAtBothWidthsAndWorkByKeyboard()
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        var app = harness.StartWebApp(services: DashboardSeed.Seams, listen: true);
        using var client = app.CreateClient();
        await DashboardSeed.PostUsageAsync(client);
        await DashboardSeed.StorePaidInvoiceAsync(harness, Ct);
        var spendA = await SpendAsync(client, "cus_A");
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = Desktop });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(new Uri(app.Address, "api/dashboard?code=admin-key").AbsoluteUri);

        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.Equal("Spend dashboard", await page.Locator("main h1").InnerTextAsync());
        var rows = page.Locator("main table[aria-labelledby=customers] tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        var rowA = await rows.Filter(new() { HasText = "cus_A" }).InnerTextAsync();
        Assert.Contains(spendA, rowA, StringComparison.Ordinal);
        Assert.Contains("ok", rowA, StringComparison.Ordinal); // cap state: 1,000.00 USD, set through the spend cap API
        Assert.Contains("92.00 USD", rowA, StringComparison.Ordinal); // forecast
        Assert.Contains("no cap", await rows.Filter(new() { HasText = "cus_B" }).InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        await SaveScreenshotsAsync(page, "dashboard");

        // By keyboard: Tab from the top reaches cus_A's link with its focus visible, and Enter opens it.
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        await TabToAsync(page, "cus_A");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        // Waiting starts before the key is pressed, and allows for a full suite's load on this machine's Azurite.
        var opened = page.WaitForURLAsync("**/api/dashboard/customers/cus_A?code=admin-key", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 120_000 });
        await page.Keyboard.PressAsync("Enter");
        await opened;

        Assert.Equal("Customer cus_A", await page.Locator("main h1").InnerTextAsync());
        Assert.Equal(1, await page.Locator("main svg[role=img]").CountAsync());
        Assert.Equal(20, await page.Locator("main svg[role=img] rect").CountAsync()); // January 1 to 20, the business clock's today
        Assert.Equal("https://invoice.stripe.test/i/in_dashboard_test_1", await page.GetByRole(AriaRole.Link, new() { Name = "View invoice in_dashboard_test_1" }).GetAttributeAsync("href"));
        Assert.Contains("paid", await page.Locator("main table", new() { HasText = "in_dashboard_test_1" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("alr_spend_a", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        await SaveScreenshotsAsync(page, "dashboard-customer");
    }

    [Fact]
    public async Task Portal_LinkOfCusA_ShowsCusAAndNothingOfAnotherCustomer()
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        var app = harness.StartWebApp(services: DashboardSeed.Seams, listen: true);
        using var client = app.CreateClient();
        await DashboardSeed.PostUsageAsync(client);
        await DashboardSeed.StorePaidInvoiceAsync(harness, Ct);
        var url = await PortalUrlAsync(client, "cus_A", null);
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = Desktop });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(url);

        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.Equal("Usage and invoices of cus_A", await page.Locator("main h1").InnerTextAsync());
        var text = await page.Locator("body").InnerTextAsync();
        Assert.Contains(await SpendAsync(client, "cus_A"), text, StringComparison.Ordinal);
        Assert.Contains("in_dashboard_test_1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cus_B", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cus_C", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cus_B", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Outbound events", text, StringComparison.Ordinal);
        // Nowhere to go from here but the invoice's own page at Stripe (and the skip link).
        var links = await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.All(links, href => Assert.True(href == "#content" || href.StartsWith("https://invoice.stripe.test/", StringComparison.Ordinal), href));
        await AssertAccessibleAsync(page);
        await SaveScreenshotsAsync(page, "portal");
    }

    [Fact]
    public async Task Portal_ExpiredLink_RefusedWithNothingOfTheCustomer()
    {
        var wall = new FakeTimeProvider(WallNow);
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        var app = harness.StartWebApp(wallClock: wall, listen: true);
        using var client = app.CreateClient();
        await DashboardSeed.PostUsageAsync(client);
        var url = await PortalUrlAsync(client, "cus_A", 60);
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = Phone });
        var page = await context.NewPageAsync();
        Assert.Equal((int)HttpStatusCode.OK, (await page.GotoAsync(url))!.Status);

        wall.Advance(TimeSpan.FromSeconds(60));
        var response = await page.GotoAsync(url);

        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        Assert.Equal("Link expired", await page.Locator("main h1").InnerTextAsync());
        Assert.DoesNotContain("cus_A", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("USD", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ThousandCustomers_FirstPageRendersAndItsTimingsAreReported()
    {
        // Not a timed assertion (a shared machine's speed varies): the figures are printed, and the README quotes a run.
        var customers = Enumerable.Range(1, 1_000).Select(i => $"cus_{i:D4}").ToArray();
        var catalogPath = Path.Combine(Path.GetTempPath(), $"billing-dashboard-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalogPath, TestCatalogs.Build(customers, TestCatalogs.Anchor, 10_000), Ct);
        try
        {
            await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings(catalogPath));
            var app = harness.StartWebApp(listen: true);
            using var client = app.CreateClient();
            // Usage for the first two pages' customers; the others' partitions are read all the same (and found empty).
            var events = customers.Take(100).Select((c, i) => TestEvent.Compute(c, $"k-{i}", DashboardSeed.Jan5.AddHours(i), "1000").ToJson());
            Assert.Equal(HttpStatusCode.OK, (await MeterEventsApi.PostAsync(client, string.Join("\n", events))).Status);
            await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = Desktop });
            var page = await context.NewPageAsync();

            var timings = new List<string>();
            foreach (var (name, path) in new[] { ("page 1, first", "api/dashboard"), ("page 1, again", "api/dashboard"), ("page 20", "api/dashboard?page=20") })
            {
                var watch = Stopwatch.StartNew();
                var response = await page.GotoAsync(new Uri(app.Address, path).AbsoluteUri);
                watch.Stop();
                Assert.Equal((int)HttpStatusCode.OK, response!.Status);
                var paint = await page.EvaluateAsync<double>("() => (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: -1}).startTime");
                var served = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].responseEnd");
                timings.Add($"{name}: load {watch.ElapsedMilliseconds} ms, response complete {served:F0} ms, first contentful paint {paint:F0} ms");
            }

            Assert.Equal(50, await page.Locator("main table[aria-labelledby=customers] tbody tr").CountAsync());
            Assert.Contains("cus_1000", await page.Locator("main table").First.InnerTextAsync(), StringComparison.Ordinal); // page 20, the last
            var report = "dashboard with 1,000 customers (50 a page): " + string.Join("; ", timings);
            TestContext.Current.TestOutputHelper?.WriteLine(report);
            if (Environment.GetEnvironmentVariable("BILLING_DASHBOARD_TIMINGS") is { Length: > 0 } file)
            {
                await File.AppendAllTextAsync(file, report + "\n", Ct); // for a measured run: the runner keeps test output to itself
            }
        }
        finally
        {
            File.Delete(catalogPath);
        }
    }

    private static async Task<string> SpendAsync(HttpClient client, string customer)
    {
        var usage = JsonDocument.Parse(await client.GetStringAsync($"/api/customers/{customer}/usage", Ct)).RootElement.GetProperty("subscriptions")[0];
        return $"{(usage.GetProperty("amount").GetInt64() / 100m).ToString("N2", System.Globalization.CultureInfo.InvariantCulture)} USD";
    }

    private static async Task<string> PortalUrlAsync(HttpClient client, string customer, int? expiresIn)
    {
        using var body = new StringContent(expiresIn is { } s ? $"{{\"expires_in\": {s}}}" : string.Empty, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"/api/customers/{customer}/portal_links", body, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("url").GetString()!;
    }

    private static async Task TabToAsync(IPage page, string text)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => document.activeElement.textContent") == text)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached '{text}'.");
    }

    /// <summary>axe-core's WCAG 2 A and AA rules: no violation (contrast, labels, headings, landmarks, table headers…).</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        Assert.True(
            result.Violations.Length == 0,
            string.Join("\n", result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
    }

    /// <summary>
    /// The page at desktop and phone widths, whole, into docs/screenshots/{name}-{desktop|phone}.png;
    /// at the phone's width nothing may stick out sideways (wide tables scroll inside their region).
    /// </summary>
    private static async Task SaveScreenshotsAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var (width, size) in new[] { ("desktop", Desktop), ("phone", Phone) })
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            Assert.True(
                await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                $"{name} sticks out sideways at {size.Width} px");
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = true });
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Billing.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Billing.sln above {AppContext.BaseDirectory}.");
    }
}

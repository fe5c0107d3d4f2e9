using Billing.Invoicing.Dashboard;
using Billing.Invoicing.Outbound;
using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Tests.Dashboard;

public sealed class CustomerPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_WithoutTheSeams_SaysSoInsteadOfFiguresAndHasNoChart()
    {
        var html = CustomerPage.Render(View(Panel(cap: null, forecast: null, daily: [])), links: null);

        Assert.Contains("No daily series for this period yet.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Contains("No alert rule.", html, StringComparison.Ordinal);
        Assert.Contains("Spend cap<b>none</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithCapForecastAndDailySeries_ShowsThemWithAChartAndItsTable()
    {
        var daily = new[]
        {
            new DailySpendView("compute_seconds", new DateOnly(2026, 1, 3), 1_000m, 1_250),
            new DailySpendView("storage_gb", new DateOnly(2026, 1, 3), 5m, 100),
            new DailySpendView("compute_seconds", new DateOnly(2026, 1, 10), 2_000m, 2_500),
        };
        var panel = Panel(new SpendCapView(9_000, 10_000, "warning"), new ForecastView(450.5m, 13_965, Now.AddDays(3), null), daily);

        var html = CustomerPage.Render(View(panel), links: null);

        Assert.Contains(">warning</b>", html, StringComparison.Ordinal);
        Assert.Contains("Forecast at period end<b>139.65 USD</b>", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        // Every day of the period so far is a bar (1 to 20 January), the 3rd with both meters added up.
        Assert.Equal(20, html.Split("<rect ").Length - 1);
        Assert.Contains("<title>2026-01-03: 13.50 USD</title>", html, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"Day (UTC)\"><span>2026-01-10</span></td><td data-label=\"Meter\"><span>compute_seconds</span></td><td data-label=\"Quantity\" class=\"num\"><span>2,000</span></td><td data-label=\"Amount\" class=\"num\"><span>25.00 USD</span></td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Portal_HasNoLinkNoEventsAndEncodesWhatItShows()
    {
        var view = View(Panel(null, null, [])) with
        {
            Customer = new CustomerOverview("cus_A", "<script>alert(1)</script>", [Panel(null, null, [])]),
        };

        var html = CustomerPage.Render(view, links: null);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/", html, StringComparison.Ordinal); // no link but the skip link (#content)
        Assert.DoesNotContain("Outbound events", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Admin_LinksBackToTheListWithTheKeyAndShowsEvents()
    {
        var view = View(Panel(null, null, [])) with { Events = [] };

        var html = CustomerPage.Render(view, new DashboardLinks("k&y"));

        Assert.Contains("href=\"/api/dashboard?code=k%26y\"", html, StringComparison.Ordinal);
        Assert.Contains("Outbound events about this customer", html, StringComparison.Ordinal);
    }

    private static CustomerDetailView View(SubscriptionPanel panel) =>
        new(new CustomerOverview("cus_A", null, [panel]), [], [], Events: null, Now);

    private static SubscriptionPanel Panel(SpendCapView? cap, ForecastView? forecast, IReadOnlyList<DailySpendView> daily) =>
        new(
            new SubscriptionUsage(
                "sub_cus_A",
                "usd",
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(),
                new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(),
                [new MeterUsageLine("compute_seconds", "price_compute", 3, 3_000m, 3_750, 0, 3_750, true, null)],
                3_750,
                0,
                3_750,
                new ThresholdProgress(10_000, 3_750, 0.375m),
                0,
                null,
                InvoicedAt: null,
                Forecast: null),
            cap,
            forecast,
            daily);
}

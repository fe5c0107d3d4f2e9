using System.Net;
using Billing.Domain.Invoicing;
using Billing.Functions.Tests.Hosting;
using Billing.Invoicing.Dashboard;
using Billing.Invoicing.Usage;
using Billing.Storage.Invoices;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Dashboard;

/// <summary>
/// What the dashboard tests show: usage posted through the meter-events API, a spend cap set through
/// its API, a paid invoice stored the way an invoice run stores it (with Stripe's hosted page), and
/// stand-ins for the seams to features built elsewhere (forecast, daily series, alerts), so the
/// pages are seen with and without them.
/// </summary>
internal static class DashboardSeed
{
    /// <summary>A signing key for the harness's settings (<c>Portal:SigningKey</c>).</summary>
    public const string SigningKey = "dashboard-tests-signing-key-0123456789abcdef";

    public static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, string?> Settings(string? catalogPath = null)
    {
        var settings = new Dictionary<string, string?> { ["Portal:SigningKey"] = SigningKey };
        if (catalogPath is not null)
        {
            settings["Billing:CatalogPath"] = catalogPath;
        }

        return settings;
    }

    /// <summary>The hosted invoice page of the seeded paid invoice.</summary>
    public const string HostedInvoiceUrl = "https://invoice.stripe.test/i/in_dashboard_test_1";

    /// <summary>
    /// cus_A: 250,000 compute seconds (25.00 USD) and 25 GB of storage, under a spend cap of 1,000.00 USD
    /// (state ok); cus_B: 40,000 compute seconds (4.00 USD), no cap.
    /// </summary>
    public static async Task PostUsageAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.OK, await PutSpendCapAsync(client, "sub_cus_A", 100_000));
        var (status, _) = await MeterEventsApi.PostAsync(client, string.Join("\n", new[]
        {
            TestEvent.Compute("cus_A", "d-a1", Jan5, "150000"),
            TestEvent.Compute("cus_A", "d-a2", Jan5.AddDays(6), "100000"),
            new TestEvent("storage_gb", Jan5, "d-a3", ("stripe_customer_id", "cus_A"), ("value", "25")),
            TestEvent.Compute("cus_B", "d-b1", Jan5.AddDays(2), "40000"),
        }.Select(e => e.ToJson())));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>Sets a subscription's spend cap (minor units) through <c>PUT /api/subscriptions/{id}/spend_cap</c>.</summary>
    public static async Task<HttpStatusCode> PutSpendCapAsync(HttpClient client, string subscription, long amount)
    {
        using var body = new StringContent($"{{\"amount\": {amount}}}", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PutAsync($"/api/subscriptions/{subscription}/spend_cap", body, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>A paid subscription_create invoice of cus_A (3 seats, 75.00 USD), stored as a completed run leaves it.</summary>
    /// <param name="hostedInvoiceUrl">Its Stripe hosted page; null as for an invoice finalized before the link was recorded.</param>
    public static async Task StorePaidInvoiceAsync(AppHarness harness, CancellationToken cancellationToken, string? hostedInvoiceUrl = HostedInvoiceUrl)
    {
        var store = harness.App.Get<InvoiceStore>();
        var start = AppHarness.January.Start.ToUnixTimeSeconds();
        var end = AppHarness.January.End.ToUnixTimeSeconds();
        var invoice = new Invoice(
            $"sub_cus_A.{start}.create", "cus_A", "sub_cus_A", BillingReason.SubscriptionCreate, start, end, "usd",
            [new BilledLine("price_seats", null, 3, 7_500, start, end, 3, 7_500)],
            InvoiceStatus.Paid, RunStep.Built, "in_dashboard_test_1", 1, null, AppHarness.Now.AddDays(-19), AppHarness.Now.AddDays(-19), null)
        {
            HostedInvoiceUrl = hostedInvoiceUrl,
        };
        var free = await store.ReadLockAsync("cus_A", "sub_cus_A", cancellationToken);
        var started = await store.TryStartAsync(free, invoice, cancellationToken);
        Assert.NotNull(started);
        var recorded = await store.RecordAsync(started, cancellationToken);
        var held = await store.ReadLockAsync("cus_A", "sub_cus_A", cancellationToken);
        Assert.True(await store.TryCompleteAsync(recorded with { Step = RunStep.Completed }, held, cancellationToken));
    }

    /// <summary>The seams answering for cus_A only, as the features they stand for would.</summary>
    public static void Seams(IServiceCollection services)
    {
        services.AddSingleton<IDashboardForecasts>(new ForecastForCusA());
        services.AddSingleton<IDashboardDailySpend>(new DailyForCusA());
        services.AddSingleton<IDashboardAlerts>(new AlertsForCusA());
    }

    private sealed class ForecastForCusA : IDashboardForecasts
    {
        public Task<ForecastView?> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken) =>
            Task.FromResult(usage.Subscription == "sub_cus_A" ? new ForecastView(190m, 9_200, null, null) : null);
    }

    private sealed class DailyForCusA : IDashboardDailySpend
    {
        public Task<IReadOnlyList<DailySpendView>> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DailySpendView>>(usage.Subscription == "sub_cus_A"
                ?
                [
                    new("compute_seconds", new DateOnly(2026, 1, 5), 150_000, 1_500),
                    new("storage_gb", new DateOnly(2026, 1, 5), 25, 300),
                    new("compute_seconds", new DateOnly(2026, 1, 11), 100_000, 1_000),
                ]
                : []);
    }

    private sealed class AlertsForCusA : IDashboardAlerts
    {
        public Task<IReadOnlyList<AlertRuleView>> ReadAsync(string customer, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AlertRuleView>>(customer == "cus_A"
                ? [new("alr_spend_a", "sub_cus_A", "spend", null, 2_000, true), new("alr_usage_a", "sub_cus_A", "usage", "compute_seconds", 1_000_000, false)]
                : []);
    }
}

using System.Net;
using System.Text.Json;
using Billing.Domain.Usage;
using Billing.Storage.Usage;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// <c>GET /api/invoices/upcoming?subscription=</c> over HTTP on Azurite: the preview in the shape
/// of <c>GET /api/invoices</c> with status <c>preview</c>, and bad requests in the error shape.
/// (That the issued cycle invoice equals the last preview is <c>UpcomingInvoiceTests</c>.)
/// </summary>
public sealed class UpcomingInvoiceEndpointTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetUpcomingInvoice_UsageInTheCurrentPeriod_PreviewOfItsCycleInvoiceWrittenNowhere()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        var (posted, _) = await MeterEventsApi.PostAsync(client, string.Join("\n", new[]
        {
            TestEvent.Compute("cus_A", "p-c1", Jan5, "250000"),
            new TestEvent("storage_gb", Jan5, "p-s1", ("stripe_customer_id", "cus_A"), ("value", "25")),
        }.Select(e => e.ToJson())));
        Assert.Equal(HttpStatusCode.OK, posted);

        using var response = await client.GetAsync("/api/invoices/upcoming?subscription=sub_cus_A", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("sub_cus_A.1767225600.cycle", body.GetProperty("id").GetString());
        Assert.Equal(("cus_A", "sub_cus_A", "subscription_cycle", "usd"), (
            body.GetProperty("customer").GetString(),
            body.GetProperty("subscription").GetString(),
            body.GetProperty("billing_reason").GetString(),
            body.GetProperty("currency").GetString()));
        Assert.Equal((1767225600, 1769904000), (body.GetProperty("period_start").GetInt64(), body.GetProperty("period_end").GetInt64()));
        Assert.Equal("preview", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("stripe_invoice_id").ValueKind);
        Assert.Equal(0, body.GetProperty("payment").GetProperty("attempts").GetInt32());
        Assert.Equal(AppHarness.Now.ToUnixTimeSeconds(), body.GetProperty("created").GetInt64());

        // January's usage in arrears (compute 250,000 s × 0.01 ¢ = 2,500 ¢; storage max 25 GB in
        // packages of 10, rounded up = 3 × 100 ¢; the api price's base fee, 500 ¢), February's 3 seats in advance.
        var lines = body.GetProperty("lines").EnumerateArray().Select(l => (
            l.GetProperty("price").GetString(),
            l.GetProperty("meter").GetString(),
            l.GetProperty("quantity").GetDecimal(),
            l.GetProperty("amount").GetInt64(),
            l.GetProperty("period_start").GetInt64())).ToArray();
        Assert.Equal(
            [
                ("price_compute", "compute_seconds", 250_000m, 2_500L, 1767225600L),
                ("price_api", "api_calls", 0m, 500L, 1767225600L),
                ("price_storage", "storage_gb", 25m, 300L, 1767225600L),
                ("price_seats", null, 3m, 7_500L, 1769904000L),
            ],
            lines);
        Assert.Equal(10_800, body.GetProperty("total").GetInt64());

        // A preview writes nothing: no invoice, and the period stays open to usage (not marked invoiced).
        Assert.Equal("[]", await client.GetStringAsync("/api/invoices?customer=cus_A", Ct));
        var usage = JsonDocument.Parse(await client.GetStringAsync("/api/customers/cus_A/usage", Ct)).RootElement;
        Assert.Equal(0, usage.GetProperty("subscriptions")[0].GetProperty("late_events").GetInt64());
        var january = await harness.App.Get<UsageStore>().ReadAsync(new UsagePartition("sub_cus_A", AppHarness.January), Ct);
        Assert.Null(january!.InvoicedAt);
    }

    [Theory]
    [InlineData("/api/invoices/upcoming", "subscription is required")]
    [InlineData("/api/invoices/upcoming?subscription=", "subscription is required")]
    [InlineData("/api/invoices/upcoming?subscription=sub_cus_A&subscription=sub_cus_B", "subscription is given 2 times")]
    public async Task GetUpcomingInvoice_SubscriptionMissingEmptyOrTwice_Returns400InvalidRequest(string url, string message)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUpcomingInvoice_UnknownSubscription_Returns404SubscriptionNotFound()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.GetAsync("/api/invoices/upcoming?subscription=sub_nobody", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("subscription_not_found", error.GetProperty("code").GetString());
        Assert.Contains("sub_nobody", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUpcomingInvoice_SubscriptionNotStartedYet_Returns404InvoiceUpcomingNone()
    {
        // Anchored on March 1, after the clock (January 20): no current period, no cycle invoice coming.
        var march = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var catalogPath = Path.Combine(Path.GetTempPath(), $"billing-upcoming-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalogPath, TestCatalogs.Build(["cus_A"], march, 10_000), Ct);
        try
        {
            await using var harness = await AppHarness.CreateAsync(azurite, more: new Dictionary<string, string?> { ["Billing:CatalogPath"] = catalogPath });
            using var client = harness.StartWebApp().CreateClient();

            using var response = await client.GetAsync("/api/invoices/upcoming?subscription=sub_cus_A", Ct);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
            Assert.Equal("invoice_upcoming_none", error.GetProperty("code").GetString());
            Assert.Contains($"starts at {march.ToUnixTimeSeconds()} (2026-03-01T00:00:00Z)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(catalogPath);
        }
    }
}

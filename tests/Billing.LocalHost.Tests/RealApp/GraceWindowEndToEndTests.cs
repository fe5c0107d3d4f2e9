extern alias emulator;
using System.Text;
using System.Text.Json;
using emulator::Billing.StripeEmulator.Hosting;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>
/// Issue 9's scenario through the public HTTP API with the test clock, on the local host, the
/// app, Azurite and the Stripe emulator: usage that reaches January during February's first (grace)
/// hour pushes January past its threshold, yet January has ended, so no threshold invoice is issued
/// and January's cycle invoice bills all 110 units.
/// </summary>
public sealed class GraceWindowEndToEndTests
{
    private const string WebhookSecret = "whsec_grace_window";

    private const string Catalog = """
        {"meters":[{"id":"compute_seconds","event_name":"compute_seconds","default_aggregation":{"formula":"sum"}}],
         "prices":[{"id":"price_compute","currency":"usd","unit_amount":100,
                    "recurring":{"interval":"month","usage_type":"metered","meter":"compute_seconds"}}],
         "customers":[{"id":"cus_A"}],
         "subscriptions":[{"id":"sub_A","customer":"cus_A","billing_cycle_anchor":"2027-01-01T00:00:00Z",
                           "billing_thresholds":{"amount_gte":10000},"items":[{"price":"price_compute"}]}]}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TestClock_UsageInTheGraceHourOfJanuary_OnlyJanuarysCycleInvoiceOf11000()
    {
        await using var stripe = await StripeEmulatorServer.StartAsync(cancellationToken: Ct);
        stripe.SeedCustomer("cus_A");
        await using var harness = await RuntimeHarness.CreateAsync(
            Catalog,
            new Dictionary<string, string?>
            {
                ["Billing__TestClock"] = "true",
                ["Billing__GracePeriod"] = "01:00:00",
                ["Invoicing__MinThresholdInterval"] = "00:00:00",
                ["AzureWebJobs.InvoiceRun.Disabled"] = "false",
                ["AzureWebJobs.Reconcile.Disabled"] = "false",
                ["Stripe__ApiKey"] = StripeEmulatorServer.TestApiKey,
                ["Stripe__ApiBase"] = stripe.ApiBase,
                ["Stripe__WebhookSecret"] = WebhookSecret,
            });
        var host = await harness.StartHostAsync("grace");
        stripe.ConfigureWebhook(new Uri(host.BaseAddress, "api/stripe/webhook"), WebhookSecret);
        using var client = RuntimeHarness.Client(host);

        await AdvanceAsync(client, "2027-01-01T00:00:00Z");
        await AdvanceAsync(client, "2027-01-11T00:00:00Z");
        await PostEventAsync(client, "e1", "2027-01-10T00:00:00Z", 50);
        await AdvanceAsync(client, "2027-02-01T00:30:00Z");
        await PostEventAsync(client, "e2", "2027-01-31T23:50:00Z", 60);

        using (var usage = JsonDocument.Parse(await client.GetStringAsync("api/customers/cus_A/usage", Ct)))
        {
            var subscription = usage.RootElement.GetProperty("subscriptions")[0];
            Assert.Equal(0, subscription.GetProperty("threshold").GetProperty("unbilled_eligible").GetInt64());
            Assert.Equal(11_000, subscription.GetProperty("ended_period").GetProperty("unbilled").GetInt64());
        }

        await AdvanceAsync(client, "2027-02-01T03:00:00Z");
        await Eventually.WaitAsync(
            () => InvoicesAsync(client),
            list => list.Any(i => i.Reason == "subscription_cycle" && i.Status == "paid"),
            "January's paid cycle invoice");
        await AdvanceAsync(client, "2027-03-01T03:00:00Z");

        var invoice = Assert.Single(await InvoicesAsync(client));
        Assert.Equal(("subscription_cycle", DateTimeOffset.Parse("2027-01-01T00:00:00Z").ToUnixTimeSeconds(), 11_000L, "paid"), invoice);
    }

    private static async Task AdvanceAsync(HttpClient client, string time) =>
        (await PostAsync(client, "api/test_helpers/clock/advance", $$"""{"frozen_time": {{DateTimeOffset.Parse(time).ToUnixTimeSeconds()}}}""")).Dispose();

    private static async Task PostEventAsync(HttpClient client, string identifier, string timestamp, int value)
    {
        using var response = await PostAsync(
            client,
            "api/meter_events",
            $$$"""{"event_name":"compute_seconds","timestamp":"{{{timestamp}}}","identifier":"{{{identifier}}}","payload":{"stripe_customer_id":"cus_A","value":"{{{value}}}"}}""");
        Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("accepted").GetInt32());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body)
    {
        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return response;
    }

    private static async Task<IReadOnlyList<(string Reason, long PeriodStart, long Total, string Status)>> InvoicesAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("api/invoices?customer=cus_A", Ct));
        return [.. document.RootElement.EnumerateArray().Select(i => (
            i.GetProperty("billing_reason").GetString()!,
            i.GetProperty("period_start").GetInt64(),
            i.GetProperty("total").GetInt64(),
            i.GetProperty("status").GetString()!))];
    }
}

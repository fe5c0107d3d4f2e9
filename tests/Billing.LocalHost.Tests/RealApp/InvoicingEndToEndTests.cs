extern alias emulator;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Billing.Testing;
using emulator::Billing.StripeEmulator.Hosting;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>
/// The money path through everything real: the local host's HTTP front, queue and timer
/// triggers, the app in-process, Azurite, the Stripe emulator delivering signed webhooks,
/// and the test clock. Usage crosses USD 100.00, a paid threshold invoice appears and the usage
/// API shows it billed; the period closes and one cycle invoice follows; Stripe and the ledger agree.
/// And issue 11's "webhooks duplicated/shuffled → same state": every event of the paid invoices
/// delivered again, twice each, in a seeded shuffled order, changes nothing the API shows.
/// </summary>
public sealed class InvoicingEndToEndTests
{
    private const string WebhookSecret = "whsec_end_to_end";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MoneyPath_ThresholdThenPeriodClose_PaidInvoicesThatAgreeWithStripe()
    {
        await using var stripe = await StripeEmulatorServer.StartAsync(cancellationToken: Ct);
        stripe.SeedCustomer("cus_A");
        var anchor = WholeSecond(DateTimeOffset.UtcNow).AddDays(-10);
        await using var harness = await RuntimeHarness.CreateAsync(anchor, ["cus_A"], Settings(stripe, reconcile: true), thresholdAmountGte: 10_000);
        var host = await harness.StartHostAsync("e2e");
        stripe.ConfigureWebhook(new Uri(host.BaseAddress, "api/stripe/webhook"), WebhookSecret);
        using var client = RuntimeHarness.Client(host);

        await CrossTheThresholdAsync(client);
        using (var usage = JsonDocument.Parse(await client.GetStringAsync("api/customers/cus_A/usage", Ct)))
        {
            var subscription = usage.RootElement.GetProperty("subscriptions")[0];
            Assert.Equal(12_500, subscription.GetProperty("billed").GetInt64());
            Assert.Equal(0, subscription.GetProperty("threshold").GetProperty("unbilled_eligible").GetInt64());
        }

        // The period closes: one cycle invoice, seats for the next period in advance.
        var close = anchor.AddMonths(1).AddHours(1);
        await PostAsync(client, "api/test_helpers/clock/advance", $$"""{"frozen_time": {{close.ToUnixTimeSeconds()}}}""");
        var all = await Eventually.WaitAsync(
            () => InvoicesAsync(client),
            list => list.Count == 3 && list.All(i => i.Status == "paid"),
            "the paid cycle invoice");
        var cycle = Assert.Single(all, i => i.Reason == "subscription_cycle");
        Assert.Equal(7_500, cycle.Total); // nothing unbilled was left; February's seats

        using var stripeHttp = new HttpClient { BaseAddress = stripe.BaseAddress };
        stripeHttp.DefaultRequestHeaders.Authorization = new("Bearer", StripeEmulatorServer.TestApiKey);
        using var stripeInvoices = JsonDocument.Parse(await stripeHttp.GetStringAsync("v1/invoices?customer=cus_A&limit=100", Ct));
        var stripeList = stripeInvoices.RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(3, stripeList.Length);
        Assert.Equal(all.Select(i => i.Total).Order(), stripeList.Select(i => i.GetProperty("amount_paid").GetInt64()).Order());
        await AllDeliveredAsync(stripeHttp);
        using var drift = JsonDocument.Parse(await client.GetStringAsync("api/reconciliation", Ct));
        Assert.Empty(drift.RootElement.GetProperty("drift").EnumerateArray());
    }

    [Fact]
    public async Task Webhooks_EveryEventAgainTwiceInShuffledOrder_SameInvoicesUsageAndReconciliation()
    {
        await using var stripe = await StripeEmulatorServer.StartAsync(cancellationToken: Ct);
        stripe.SeedCustomer("cus_A");
        var anchor = WholeSecond(DateTimeOffset.UtcNow).AddDays(-10);
        // No Reconcile timer: what is compared is what webhooks move, and nothing else moves it meanwhile.
        await using var harness = await RuntimeHarness.CreateAsync(anchor, ["cus_A"], Settings(stripe, reconcile: false), thresholdAmountGte: 10_000);
        var host = await harness.StartHostAsync("e2e-webhooks");
        stripe.ConfigureWebhook(new Uri(host.BaseAddress, "api/stripe/webhook"), WebhookSecret);
        using var client = RuntimeHarness.Client(host);
        await CrossTheThresholdAsync(client);
        using var stripeHttp = new HttpClient { BaseAddress = stripe.BaseAddress };
        await AllDeliveredAsync(stripeHttp);
        var before = await StateAsync(client);

        // Every event Stripe produced for the two invoices, each twice, in an order drawn from the seed.
        var events = new List<(string Id, string Type, string Payload)>();
        using (var ours = JsonDocument.Parse(await client.GetStringAsync("api/invoices?customer=cus_A", Ct)))
        {
            foreach (var invoice in ours.RootElement.EnumerateArray())
            {
                using var log = JsonDocument.Parse(await stripeHttp.GetStringAsync($"_emulator/events?invoice={invoice.GetProperty("stripe_invoice_id").GetString()}", Ct));
                events.AddRange(log.RootElement.EnumerateArray().Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("event").GetRawText())));
            }
        }

        Assert.Equal(2, events.Count(e => e.Type == "invoice.paid"));
        var seed = TestSeed.Draw();
        var deliveries = seed.Shuffle(events.SelectMany(e => new[] { e, e }));
        var delivered = $"{seed}: {string.Join(", ", deliveries.Select(d => $"{d.Id} {d.Type}"))}";
        using var anonymous = RuntimeHarness.Client(host, key: null);
        var receipts = new List<string>();
        foreach (var (_, type, payload) in deliveries)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            // Signed as Stripe signs: with real time, which the app's signature tolerance is judged on.
            request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(payload, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            using var response = await anonymous.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"{type}: {(int)response.StatusCode} {body}; delivered {delivered}");
            using var receipt = JsonDocument.Parse(body);
            receipts.Add(receipt.RootElement.GetProperty("result").GetString()!);
        }

        var after = await StateAsync(client);
        Assert.True(before == after, $"before:\n{before}\nafter:\n{after}\ndelivered {delivered}");
        Assert.Equal("""{"drift":[],"incidents":[]}""", after.Reconciliation);
        // Every event had been applied once already.
        Assert.True(receipts.All(r => r == "duplicate"), $"answered {string.Join(", ", receipts)}; delivered {delivered}");
    }

    /// <summary>The app's settings for these tests: invoicing on, Stripe the emulator, the test clock.</summary>
    private static Dictionary<string, string?> Settings(StripeEmulatorServer stripe, bool reconcile) => new()
    {
        ["Billing__TestClock"] = "true",
        ["AzureWebJobs.InvoiceRun.Disabled"] = "false",
        ["AzureWebJobs.Reconcile.Disabled"] = reconcile ? "false" : "true",
        ["Stripe__ApiKey"] = StripeEmulatorServer.TestApiKey,
        ["Stripe__ApiBase"] = stripe.ApiBase,
        ["Stripe__WebhookSecret"] = WebhookSecret,
    };

    /// <summary>
    /// Freezes the clock (the subscription started ten days ago: the first advance runs ClosePeriods,
    /// which issues its create invoice) and posts USD 120.00 of compute, past the USD 100.00
    /// threshold; returns once the create and the threshold invoice are paid.
    /// </summary>
    private static async Task CrossTheThresholdAsync(HttpClient client)
    {
        var now = await FreezeAtCurrentSecondAsync(client);
        var events = string.Join('\n', Enumerable.Range(0, 3).Select(i => string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"event_name":"compute_seconds","timestamp":{{{now.ToUnixTimeSeconds()}}},"identifier":"e2e-{{{i}}}","payload":{"stripe_customer_id":"cus_A","value":"400000"}}""")));
        using (var posted = await PostAsync(client, "api/meter_events", events))
        {
            Assert.Equal(3, JsonDocument.Parse(await posted.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("accepted").GetInt32());
        }

        var afterThreshold = await Eventually.WaitAsync(
            () => InvoicesAsync(client),
            list => list.Count == 2 && list.All(i => i.Status == "paid"),
            "a paid create invoice and a paid threshold invoice");
        var threshold = Assert.Single(afterThreshold, i => i.Reason == "subscription_threshold");
        Assert.Equal(12_500, threshold.Total); // USD 120.00 of compute + the api price's base fee
        Assert.Equal(7_500, Assert.Single(afterThreshold, i => i.Reason == "subscription_create").Total);
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    /// <summary>
    /// Freezes the test clock at the current second. Until its first advance it follows real time
    /// truncated to the second, and refuses an earlier time (docs/contracts.md §6): if a second
    /// boundary passed before the app took the request, it answers clock_backwards and the next
    /// second is asked for. No margin on how long anything took.
    /// </summary>
    private static async Task<DateTimeOffset> FreezeAtCurrentSecondAsync(HttpClient client)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = WholeSecond(DateTimeOffset.UtcNow);
            using var response = await client.PostAsync(
                "api/test_helpers/clock/advance", new StringContent($$"""{"frozen_time": {{now.ToUnixTimeSeconds()}}}""", Encoding.UTF8, "application/json"), Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.IsSuccessStatusCode)
            {
                return now;
            }

            Assert.True(attempt < 3 && body.Contains("clock_backwards", StringComparison.Ordinal), $"advance to {now:O}: {(int)response.StatusCode} {body}");
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body)
    {
        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return response;
    }

    /// <summary>Waits until the emulator has delivered every event it produced and the app acknowledged each.</summary>
    private static Task AllDeliveredAsync(HttpClient stripeHttp) => Eventually.WaitAsync(
        async () =>
        {
            using var events = JsonDocument.Parse(await stripeHttp.GetStringAsync("_emulator/events", Ct));
            return events.RootElement.EnumerateArray().All(e => e.GetProperty("delivered").GetBoolean());
        },
        delivered => delivered,
        "every webhook delivered and acknowledged");

    /// <summary>What webhooks may move, as the public API shows it: the invoices, the usage and the reconciliation, verbatim.</summary>
    private static async Task<(string Invoices, string Usage, string Reconciliation)> StateAsync(HttpClient client) => (
        await client.GetStringAsync("api/invoices?customer=cus_A", Ct),
        await client.GetStringAsync("api/customers/cus_A/usage", Ct),
        await client.GetStringAsync("api/reconciliation", Ct));

    /// <summary>A <c>Stripe-Signature</c> header as Stripe computes it: HMAC-SHA256 over <c>"{t}.{payload}"</c> with the endpoint secret.</summary>
    private static string Sign(string payload, long timestamp)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(mac)}");
    }

    private static async Task<IReadOnlyList<(string Reason, long Total, string Status)>> InvoicesAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("api/invoices?customer=cus_A", Ct));
        return [.. document.RootElement.EnumerateArray().Select(i => (
            i.GetProperty("billing_reason").GetString()!, i.GetProperty("total").GetInt64(), i.GetProperty("status").GetString()!))];
    }
}

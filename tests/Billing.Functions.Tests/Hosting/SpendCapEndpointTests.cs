using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// Spend caps over HTTP against Azurite (docs/contracts.md §9): <c>PUT /api/subscriptions/{id}/spend_cap</c>,
/// the cap state in every <c>POST /api/meter_events</c> answer and <c>GET /api/customers/{id}/entitlements</c>.
/// Amounts in the standard catalog: sub_cus_A's api_calls price charges a 500 ¢ base fee from the
/// first call on (its first tier's flat amount, which a zero quantity pays too), and compute_seconds
/// costs 1 ¢ per 100 s, so the period's amount is 500 + seconds / 100 cents.
/// </summary>
public sealed class SpendCapEndpointTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostMeterEvents_RequestsTowardsTheCap_EachAnswerShowsAmountCapAndState()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PutCapAsync(client, "sub_cus_A", """{"amount": 1500}""")).Status);

        // (seconds posted, amount after, state): 80% of 1,500 is 1,200; the cap is reached at exactly 1,500.
        (int Seconds, long Amount, string State)[] steps =
        [
            (50_000, 1000, "ok"),
            (19_900, 1199, "ok"),
            (100, 1200, "warning"),
            (29_900, 1499, "warning"),
            (100, 1500, "capped"),
            (10_000, 1600, "capped"),
        ];
        for (var i = 0; i < steps.Length; i++)
        {
            var (status, body) = await MeterEventsApi.PostAsync(client, [TestEvent.Compute("cus_A", $"cap-{i}", Jan5.AddMinutes(i), steps[i].Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(1, body.GetProperty("accepted").GetInt64()); // never dropped for being over the cap
            var spend = Assert.Single(body.GetProperty("subscriptions").EnumerateArray());
            Assert.Equal(
                ("sub_cus_A", AppHarness.January.Start.ToUnixTimeSeconds(), steps[i].Amount, 1500L, steps[i].State),
                (spend.GetProperty("subscription").GetString(), spend.GetProperty("period_start").GetInt64(), spend.GetProperty("amount").GetInt64(),
                 spend.GetProperty("spend_cap").GetInt64(), spend.GetProperty("state").GetString()));
        }

        // Usage past the cap is billed: the usage API's amount is the one the answers reported.
        var usage = await GetJsonAsync(client, "/api/customers/cus_A/usage");
        var subscription = usage.GetProperty("subscriptions")[0];
        Assert.Equal(1600, subscription.GetProperty("amount").GetInt64());
        var compute = subscription.GetProperty("meters").EnumerateArray().Single(m => m.GetProperty("meter").GetString() == "compute_seconds");
        Assert.Equal((6L, 110_000m), (compute.GetProperty("events").GetInt64(), compute.GetProperty("quantity").GetDecimal()));
    }

    [Fact]
    public async Task PostMeterEvents_SeveralSubscriptionsAndRejects_OnePerTouchedSubscriptionNullCapWithout()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await PutCapAsync(client, "sub_cus_B", """{"amount": 600}""");

        var (_, body) = await MeterEventsApi.PostAsync(client,
        [
            TestEvent.Compute("cus_B", "b-1", Jan5, "10000"),
            TestEvent.Compute("cus_A", "a-1", Jan5, "100"),
            TestEvent.Compute("cus_nobody", "x-1", Jan5, "100"),
        ]);

        Assert.Equal(1, body.GetProperty("rejected").GetInt64());
        var spend = body.GetProperty("subscriptions").EnumerateArray().ToArray();
        Assert.Equal(["sub_cus_A", "sub_cus_B"], spend.Select(s => s.GetProperty("subscription").GetString()));
        Assert.Equal(JsonValueKind.Null, spend[0].GetProperty("spend_cap").ValueKind);
        Assert.Equal((501L, "ok"), (spend[0].GetProperty("amount").GetInt64(), spend[0].GetProperty("state").GetString()));
        Assert.Equal((600L, 600L, "capped"), (spend[1].GetProperty("amount").GetInt64(), spend[1].GetProperty("spend_cap").GetInt64(), spend[1].GetProperty("state").GetString()));
    }

    [Fact]
    public async Task PostMeterEvents_EverythingRejected_NoSubscriptions()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (_, body) = await MeterEventsApi.PostAsync(client, [TestEvent.Compute("cus_nobody", "x-1", Jan5, "100")]);

        Assert.Empty(body.GetProperty("subscriptions").EnumerateArray());
    }

    [Fact]
    public async Task GetEntitlements_AmountReachesTheCap_FlipsExactlyThenForEveryMeter()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await PutCapAsync(client, "sub_cus_A", """{"amount": 1500}""");
        await MeterEventsApi.PostAsync(client, [TestEvent.Compute("cus_A", "e-1", Jan5, "99900")]);

        var below = await GetJsonAsync(client, "/api/customers/cus_A/entitlements");
        await MeterEventsApi.PostAsync(client, [TestEvent.Compute("cus_A", "e-2", Jan5, "100")]);
        var at = await GetJsonAsync(client, "/api/customers/cus_A/entitlements");

        Assert.Equal(("cus_A", AppHarness.Now.ToUnixTimeSeconds()), (below.GetProperty("customer").GetString(), below.GetProperty("as_of").GetInt64()));
        var before = below.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(
            ["compute_seconds", "api_calls", "storage_gb", "active_users", "temperature", "adjustments"],
            before.Select(e => e.GetProperty("meter").GetString()));
        Assert.All(before, e => Assert.Equal(
            ("sub_cus_A", true, JsonValueKind.Null, 1499L, 1500L, "warning"),
            (e.GetProperty("subscription").GetString(), e.GetProperty("allowed").GetBoolean(), e.GetProperty("reason").ValueKind,
             e.GetProperty("amount").GetInt64(), e.GetProperty("spend_cap").GetInt64(), e.GetProperty("state").GetString())));
        var after = at.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(6, after.Length);
        Assert.All(after, e => Assert.Equal(
            (false, "spend_cap_reached", 1500L, "capped", AppHarness.January.Start.ToUnixTimeSeconds()),
            (e.GetProperty("allowed").GetBoolean(), e.GetProperty("reason").GetString(), e.GetProperty("amount").GetInt64(),
             e.GetProperty("state").GetString(), e.GetProperty("period_start").GetInt64())));
    }

    [Fact]
    public async Task GetEntitlements_NoCap_AllowedWithNullCap()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var body = await GetJsonAsync(client, "/api/customers/cus_C/entitlements");

        Assert.All(body.GetProperty("data").EnumerateArray(), e => Assert.Equal(
            (true, JsonValueKind.Null, 500L, "ok"),
            (e.GetProperty("allowed").GetBoolean(), e.GetProperty("spend_cap").ValueKind, e.GetProperty("amount").GetInt64(), e.GetProperty("state").GetString())));
    }

    [Fact]
    public async Task GetEntitlements_UnknownCustomer_Returns404()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.GetAsync("/api/customers/cus_nobody/entitlements", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("customer_not_found", (await ReadJsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task PutSpendCap_Valid_AnswersThePeriodAgainstTheNewCap()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await MeterEventsApi.PostAsync(client, [TestEvent.Compute("cus_A", "e-1", Jan5, "30000")]);

        var (status, body) = await PutCapAsync(client, "sub_cus_A", """{"amount": 1000}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            ("sub_cus_A", AppHarness.January.Start.ToUnixTimeSeconds(), 800L, 1000L, "warning"),
            (body.GetProperty("subscription").GetString(), body.GetProperty("period_start").GetInt64(), body.GetProperty("amount").GetInt64(),
             body.GetProperty("spend_cap").GetInt64(), body.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task PutSpendCap_Null_RemovesTheCapAndAllowsAgain()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        await PutCapAsync(client, "sub_cus_A", """{"amount": 0}""");
        var capped = await GetJsonAsync(client, "/api/customers/cus_A/entitlements");

        var (status, body) = await PutCapAsync(client, "sub_cus_A", """{"amount": null}""");
        var (_, posted) = await MeterEventsApi.PostAsync(client, [TestEvent.Compute("cus_A", "e-1", Jan5, "100")]);
        var allowed = await GetJsonAsync(client, "/api/customers/cus_A/entitlements");

        Assert.False(capped.GetProperty("data")[0].GetProperty("allowed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((JsonValueKind.Null, "ok"), (body.GetProperty("spend_cap").ValueKind, body.GetProperty("state").GetString()));
        Assert.Equal((JsonValueKind.Null, "ok"), (posted.GetProperty("subscriptions")[0].GetProperty("spend_cap").ValueKind, posted.GetProperty("subscriptions")[0].GetProperty("state").GetString()));
        Assert.True(allowed.GetProperty("data")[0].GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task PutSpendCap_CatalogCap_OverriddenByPutAndRemovedByNull()
    {
        var catalog = TestCatalogs.Standard().Replace(
            "\"billing_thresholds\":{\"amount_gte\":10000},", "\"billing_thresholds\":{\"amount_gte\":10000},\"spend_cap\":{\"amount\":500},", StringComparison.Ordinal);
        Assert.Contains("spend_cap", catalog, StringComparison.Ordinal);
        await using var harness = await AppHarness.CreateAsync(azurite, catalog: catalog);
        using var client = harness.StartWebApp().CreateClient();

        var fromCatalog = (await GetJsonAsync(client, "/api/customers/cus_A/entitlements")).GetProperty("data")[0];
        var (_, raised) = await PutCapAsync(client, "sub_cus_A", """{"amount": 2000}""");
        var (_, removed) = await PutCapAsync(client, "sub_cus_A", """{"amount": null}""");
        var otherStillCapped = (await GetJsonAsync(client, "/api/customers/cus_B/entitlements")).GetProperty("data")[0];

        Assert.Equal((500L, "capped", false), (fromCatalog.GetProperty("spend_cap").GetInt64(), fromCatalog.GetProperty("state").GetString(), fromCatalog.GetProperty("allowed").GetBoolean()));
        Assert.Equal((2000L, "ok"), (raised.GetProperty("spend_cap").GetInt64(), raised.GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("spend_cap").ValueKind);
        Assert.Equal((500L, "capped"), (otherStillCapped.GetProperty("spend_cap").GetInt64(), otherStillCapped.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task PutSpendCap_UnknownSubscription_Returns404()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await PutCapAsync(client, "sub_nobody", """{"amount": 1000}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("subscription_not_found", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("sub_nobody", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"amount": -1}""", "amount must be 0 or more")]
    [InlineData("""{"amount": "abc"}""", "amount must be an integer")]
    [InlineData("""{"amount": "1000"}""", "amount must be an integer")]
    [InlineData("""{"amount": 10.5}""", "amount must be a whole number")]
    [InlineData("""{"amount": 1e3}""", "amount must be a whole number")]
    [InlineData("""{"amount": 99999999999999999999}""", "amount must be a whole number")]
    [InlineData("""{"amount": true}""", "amount must be an integer")]
    [InlineData("""{}""", "amount is required")]
    [InlineData("""{"amount": 1, "amount": 2}""", "amount is given twice")]
    [InlineData("""{"amount": 1, "currency": "usd"}""", "Unknown field 'currency'")]
    [InlineData("""[1000]""", "must be a JSON object")]
    [InlineData("""1000""", "must be a JSON object")]
    [InlineData("""{"amount": """, "must be a JSON object")]
    [InlineData("", "must be a JSON object")]
    public async Task PutSpendCap_BadBody_Returns400NamingTheField(string content, string message)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await PutCapAsync(client, "sub_cus_A", content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(message, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        // Nothing was set.
        Assert.Equal(JsonValueKind.Null, (await GetJsonAsync(client, "/api/customers/cus_A/entitlements")).GetProperty("data")[0].GetProperty("spend_cap").ValueKind);
    }

    [Fact]
    public async Task PutSpendCap_BodyTooLarge_Returns413()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await PutCapAsync(client, "sub_cus_A", "{\"amount\": 1" + new string(' ', 2000) + "}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", body.GetProperty("error").GetProperty("code").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PutCapAsync(HttpClient client, string subscription, string content)
    {
        using var body = new StringContent(content, Encoding.UTF8, "application/json");
        using var response = await client.PutAsync($"/api/subscriptions/{subscription}/spend_cap", body, Ct);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {response.StatusCode}");
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
}

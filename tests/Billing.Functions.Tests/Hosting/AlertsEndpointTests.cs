using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Functions.Tests.Outbound;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary><c>POST/GET/DELETE /api/alerts</c> over HTTP against Azurite: rules created, listed and deleted; bad input as 4xx in the error shape, naming the field.</summary>
public sealed class AlertsEndpointTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A body, and the word the error message must name.</summary>
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"type": "spend", "gte": 5000}""", "subscription" },
        { """{"subscription": "", "type": "spend", "gte": 5000}""", "subscription" },
        { """{"subscription": 5, "type": "spend", "gte": 5000}""", "subscription" },
        { """{"subscription": "sub_cus_A", "gte": 5000}""", "type" },
        { """{"subscription": "sub_cus_A", "type": "cost", "gte": 5000}""", "cost" },
        { """{"subscription": "sub_cus_A", "type": "Spend", "gte": 5000}""", "Spend" },
        { """{"subscription": "sub_cus_A", "type": "spend"}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "spend", "gte": null}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "spend", "gte": "5000"}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "spend", "gte": "lots"}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "spend", "gte": true}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "spend", "gte": [5000]}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "spend", "gte": -1}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "usage", "meter": "compute_seconds", "gte": -0.5}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "spend", "gte": 0}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "spend", "gte": 12.5}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "spend", "gte": 1e20}""", "gte" },
        { """{"subscription": "sub_cus_A", "type": "usage", "gte": 1000}""", "meter" },
        { """{"subscription": "sub_cus_A", "type": "spend", "meter": "compute_seconds", "gte": 1000}""", "meter" },
        { """{"subscription": "sub_cus_A", "type": "usage", "meter": "nope_seconds", "gte": 1000}""", "nope_seconds" },
        { """{"subscription": "sub_cus_A", "type": "usage", "meter": "gpu_seconds", "gte": 1000}""", "gpu_seconds" },
        { """{"subscription": "sub_cus_A", "type": "spend", "gte": 5000, "title": "x"}""", "title" },
        { """["sub_cus_A"]""", "JSON object" },
        { "not json", "JSON object" },
        { "", "JSON object" },
    };

    [Fact]
    public async Task PostAlerts_SpendAndUsageRules_AnswersEachAndListsThemOldestFirst()
    {
        await using var h = await CreateAsync();

        var (spendStatus, spend) = await PostAsync(h, """{"subscription": "sub_cus_A", "type": "spend", "gte": 5000}""");
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var (usageStatus, usage) = await PostAsync(h, """{"subscription": "sub_cus_A", "type": "usage", "meter": "compute_seconds", "gte": 1500.5}""");
        await PostAsync(h, """{"subscription": "sub_cus_B", "type": "spend", "gte": 100}""");
        var (listed, list) = await h.SendAsync(HttpMethod.Get, "/api/alerts?subscription=sub_cus_A");
        var (_, all) = await h.SendAsync(HttpMethod.Get, "/api/alerts");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (spendStatus, usageStatus));
        Assert.Matches("^alr_[0-9a-f]{24}$", spend.GetProperty("id").GetString()!);
        Assert.Equal(
            ["id", "subscription", "customer", "type", "meter", "gte", "created", "last_triggered"],
            spend.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("sub_cus_A", "cus_A", "spend", JsonValueKind.Null, 5000m), Rule(spend));
        Assert.Equal(("sub_cus_A", "cus_A", "usage", JsonValueKind.String, 1500.5m), Rule(usage));
        Assert.Equal("compute_seconds", usage.GetProperty("meter").GetString());
        Assert.Equal(AppHarness.Now.ToUnixTimeSeconds(), spend.GetProperty("created").GetInt64());
        Assert.Equal(JsonValueKind.Null, spend.GetProperty("last_triggered").ValueKind);

        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.False(list.GetProperty("has_more").GetBoolean());
        Assert.Equal(
            [spend.GetProperty("id").GetString(), usage.GetProperty("id").GetString()],
            list.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(3, all.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostAlerts_BadBody_400InvalidRequestNamingWhat(string body, string named)
    {
        await using var h = await CreateAsync();

        var (status, answer) = await PostAsync(h, body);
        var (_, list) = await h.SendAsync(HttpMethod.Get, "/api/alerts");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var (code, message) = UploadsApi.Error(answer);
        Assert.Equal("invalid_request", code);
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.Empty(list.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task PostAlerts_UnknownSubscription_404SubscriptionNotFound()
    {
        await using var h = await CreateAsync();

        var (status, answer) = await PostAsync(h, """{"subscription": "sub_nope", "type": "spend", "gte": 5000}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        var (code, message) = UploadsApi.Error(answer);
        Assert.Equal("subscription_not_found", code);
        Assert.Contains("sub_nope", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"subscription": "sub_cus_A", "type": "spend", "gte": 5000}""", """{"subscription": "sub_cus_A", "type": "spend", "gte": 5000.00}""")]
    [InlineData("""{"subscription": "sub_cus_A", "type": "usage", "meter": "compute_seconds", "gte": 10}""", """{"gte": 1e1, "meter": "compute_seconds", "type": "usage", "subscription": "sub_cus_A"}""")]
    public async Task PostAlerts_SameRuleTwice_409AlertExistsNamingTheFirst(string first, string again)
    {
        await using var h = await CreateAsync();

        var (_, created) = await PostAsync(h, first);
        var (status, answer) = await PostAsync(h, again);
        var (other, _) = await PostAsync(h, """{"subscription": "sub_cus_B", "type": "spend", "gte": 5000}""");
        var (_, list) = await h.SendAsync(HttpMethod.Get, "/api/alerts?subscription=sub_cus_A");

        Assert.Equal(HttpStatusCode.Conflict, status);
        var (code, message) = UploadsApi.Error(answer);
        Assert.Equal("alert_exists", code);
        Assert.Contains(created.GetProperty("id").GetString()!, message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other);
        Assert.Single(list.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task PostAlerts_SubscriptionAtTheLimit_400TooManyAlerts()
    {
        await using var h = await CreateAsync();
        for (var gte = 1; gte <= Billing.Domain.Alerts.AlertRule.MaxPerSubscription; gte++)
        {
            var (created, _) = await PostAsync(h, $$"""{"subscription": "sub_cus_A", "type": "spend", "gte": {{gte}}}""");
            Assert.Equal(HttpStatusCode.OK, created);
        }

        var (status, answer) = await PostAsync(h, """{"subscription": "sub_cus_A", "type": "spend", "gte": 100000}""");
        var (other, _) = await PostAsync(h, """{"subscription": "sub_cus_B", "type": "spend", "gte": 100000}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("too_many_alerts", UploadsApi.Error(answer).Code);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task PostAlerts_BodyOverTheLimit_413RequestTooLarge()
    {
        await using var h = await CreateAsync();

        var (status, answer) = await PostAsync(h, "{\"subscription\": \"" + new string('a', 20_000) + "\", \"type\": \"spend\", \"gte\": 1}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", UploadsApi.Error(answer).Code);
    }

    [Theory]
    [InlineData("?subscription=sub_nope", HttpStatusCode.NotFound, "subscription_not_found")]
    [InlineData("?subscription=sub_cus_A&subscription=sub_cus_B", HttpStatusCode.BadRequest, "invalid_request")]
    public async Task GetAlerts_BadSubscription_4xxNamingIt(string query, HttpStatusCode expected, string code)
    {
        await using var h = await CreateAsync();

        var (status, answer) = await h.SendAsync(HttpMethod.Get, "/api/alerts" + query);

        Assert.Equal(expected, status);
        var error = UploadsApi.Error(answer);
        Assert.Equal(code, error.Code);
        Assert.Contains("subscription", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAlert_Existing_DeletedThen404()
    {
        await using var h = await CreateAsync();
        var (_, keep) = await PostAsync(h, """{"subscription": "sub_cus_A", "type": "spend", "gte": 100}""");
        var (_, drop) = await PostAsync(h, """{"subscription": "sub_cus_A", "type": "spend", "gte": 200}""");
        var dropId = drop.GetProperty("id").GetString()!;

        var (deleted, answer) = await h.SendAsync(HttpMethod.Delete, $"/api/alerts/{dropId}");
        var (again, againAnswer) = await h.SendAsync(HttpMethod.Delete, $"/api/alerts/{dropId}");
        var (_, list) = await h.SendAsync(HttpMethod.Get, "/api/alerts");
        var (recreated, _) = await PostAsync(h, """{"subscription": "sub_cus_A", "type": "spend", "gte": 200}""");

        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal((dropId, true), (answer.GetProperty("id").GetString(), answer.GetProperty("deleted").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal("alert_not_found", UploadsApi.Error(againAnswer).Code);
        Assert.Equal([keep.GetProperty("id").GetString()], list.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, recreated);
    }

    [Theory]
    [InlineData("alr_000000000000000000000000")]
    [InlineData("nonsense")]
    [InlineData("alr_%5C..%5Cx")]
    public async Task DeleteAlert_Unknown_404AlertNotFound(string id)
    {
        await using var h = await CreateAsync();

        var (status, answer) = await h.SendAsync(HttpMethod.Delete, $"/api/alerts/{id}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("alert_not_found", UploadsApi.Error(answer).Code);
    }

    /// <summary>The standard catalog and one more meter, <c>gpu_seconds</c>, with a price but on no subscription.</summary>
    internal static string CatalogWithAnUnusedMeter() => TestCatalogs.Standard()
        .Replace("\"meters\": [", "\"meters\": [" + GpuMeter + ",", StringComparison.Ordinal)
        .Replace("\"prices\": [", "\"prices\": [" + GpuPrice + ",", StringComparison.Ordinal);

    private const string GpuMeter = """{"id":"gpu_seconds","event_name":"gpu_seconds","default_aggregation":{"formula":"sum"}}""";

    private const string GpuPrice = """{"id":"price_gpu","currency":"usd","unit_amount":1,"recurring":{"interval":"month","usage_type":"metered","meter":"gpu_seconds"}}""";

    private static (string?, string?, string?, JsonValueKind, decimal) Rule(JsonElement alert) => (
        alert.GetProperty("subscription").GetString(),
        alert.GetProperty("customer").GetString(),
        alert.GetProperty("type").GetString(),
        alert.GetProperty("meter").ValueKind,
        alert.GetProperty("gte").GetDecimal());

    private Task<OutboundHarness> CreateAsync() => OutboundHarness.CreateAsync(azurite, catalog: CatalogWithAnUnusedMeter());

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(OutboundHarness h, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await h.Api.PostAsync("/api/alerts", content, Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }
}

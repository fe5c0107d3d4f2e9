using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Domain.Outbound;
using Billing.Functions.Tests.Outbound;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary><c>POST/GET/DELETE /api/webhook_endpoints</c> over HTTP against Azurite: the secret once, bad input as 400 in the error shape.</summary>
public sealed class WebhookEndpointsEndpointTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A body, and the word the error message must name.</summary>
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"url": "ftp://example.com/hooks", "enabled_events": ["invoice.paid"]}""", "url" },
        { """{"url": "/relative/hooks", "enabled_events": ["invoice.paid"]}""", "url" },
        { """{"url": "javascript:alert(1)", "enabled_events": ["invoice.paid"]}""", "url" },
        { """{"url": "https://", "enabled_events": ["invoice.paid"]}""", "url" },
        { """{"url": "", "enabled_events": ["invoice.paid"]}""", "url" },
        { """{"enabled_events": ["invoice.paid"]}""", "url" },
        { "{\"url\": \"https://example.com/" + new string('a', 2048) + "\", \"enabled_events\": [\"invoice.paid\"]}", "url" },
        { """{"url": 5, "enabled_events": ["invoice.paid"]}""", "url" },
        { """{"url": "https://example.com/hooks", "enabled_events": []}""", "enabled_events" },
        { """{"url": "https://example.com/hooks"}""", "enabled_events" },
        { """{"url": "https://example.com/hooks", "enabled_events": ["invoice.paid", "invoice.refunded"]}""", "invoice.refunded" },
        { """{"url": "https://example.com/hooks", "enabled_events": ["Invoice.Paid"]}""", "Invoice.Paid" },
        { """{"url": "https://example.com/hooks", "enabled_events": [null]}""", "enabled_events" },
        { """{"url": "https://example.com/hooks", "enabled_events": "invoice.paid"}""", "enabled_events" },
        { """{"url": "https://example.com/hooks", "enabled_events": ["invoice.paid"], "description": "x"}""", "description" },
        { """["https://example.com/hooks"]""", "JSON object" },
        { "not json", "JSON object" },
        { "", "JSON object" },
    };

    [Fact]
    public async Task PostWebhookEndpoints_ValidBody_AnswersTheSecretOnceAndListsTheEndpointWithoutIt()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);

        var (status, created) = await PostAsync(h, """{"url": "https://example.com/billing/hooks?x=1", "enabled_events": ["invoice.paid", "invoice.created", "invoice.paid"]}""");
        var (listed, list) = await h.SendAsync(HttpMethod.Get, "/api/webhook_endpoints");

        Assert.Equal(HttpStatusCode.OK, status);
        var id = created.GetProperty("id").GetString()!;
        Assert.Matches("^we_[0-9a-f]{24}$", id);
        Assert.Matches("^whsec_[0-9a-f]{48}$", created.GetProperty("secret").GetString()!);
        Assert.Equal("https://example.com/billing/hooks?x=1", created.GetProperty("url").GetString());
        Assert.Equal(["invoice.paid", "invoice.created"], created.GetProperty("enabled_events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(h.Clock.GetUtcNow().ToUnixTimeSeconds(), created.GetProperty("created").GetInt64());

        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.False(list.GetProperty("has_more").GetBoolean());
        var only = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal(["id", "url", "enabled_events", "created"], only.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, only.GetProperty("id").GetString());
        Assert.DoesNotContain(created.GetProperty("secret").GetString()!, list.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostWebhookEndpoints_Wildcard_EnablesEveryType()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);

        var created = await h.CreateEndpointAsync("http://127.0.0.1:9/hooks", "*");
        var id = await h.PublishAsync(OutboundEventTypes.SpendCapReached, "cap:sub_A", new { subscription = "sub_A" });

        Assert.Equal(["*"], created.GetProperty("enabled_events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(created.GetProperty("id").GetString(), Assert.Single((await h.GetEventAsync(id)).GetProperty("deliveries").EnumerateArray()).GetProperty("endpoint").GetString());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostWebhookEndpoints_BadBody_400InvalidRequestNamingWhat(string body, string named)
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);

        var (status, answer) = await PostAsync(h, body);
        var (_, list) = await h.SendAsync(HttpMethod.Get, "/api/webhook_endpoints");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var (code, message) = UploadsApi.Error(answer);
        Assert.Equal("invalid_request", code);
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.Empty(list.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task PostWebhookEndpoints_SixteenRegistered_400TooManyEndpoints()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        for (var i = 0; i < WebhookEndpoint.MaxEndpoints; i++)
        {
            await h.CreateEndpointAsync($"https://example.com/hooks/{i}", OutboundEventTypes.InvoicePaid);
        }

        var (status, answer) = await PostAsync(h, """{"url": "https://example.com/one-more", "enabled_events": ["invoice.paid"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("too_many_endpoints", UploadsApi.Error(answer).Code);
    }

    [Fact]
    public async Task PostWebhookEndpoints_BodyOverTheLimit_413RequestTooLarge()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);

        var (status, answer) = await PostAsync(h, "{\"url\": \"https://example.com/" + new string('a', 20_000) + "\", \"enabled_events\": [\"invoice.paid\"]}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", UploadsApi.Error(answer).Code);
    }

    [Fact]
    public async Task DeleteWebhookEndpoint_Registered_DeletedThen404()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        var keep = (await h.CreateEndpointAsync("https://example.com/keep", OutboundEventTypes.InvoicePaid)).GetProperty("id").GetString()!;
        var drop = (await h.CreateEndpointAsync("https://example.com/drop", OutboundEventTypes.InvoicePaid)).GetProperty("id").GetString()!;

        var (deleted, answer) = await h.SendAsync(HttpMethod.Delete, $"/api/webhook_endpoints/{drop}");
        var (again, againAnswer) = await h.SendAsync(HttpMethod.Delete, $"/api/webhook_endpoints/{drop}");
        var (_, list) = await h.SendAsync(HttpMethod.Get, "/api/webhook_endpoints");

        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal((drop, true), (answer.GetProperty("id").GetString(), answer.GetProperty("deleted").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal("endpoint_not_found", UploadsApi.Error(againAnswer).Code);
        Assert.Equal([keep], list.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("we_000000000000000000000000")]
    [InlineData("nonsense")]
    [InlineData("we_%5C..%5Cx")]
    public async Task DeleteWebhookEndpoint_Unknown_404EndpointNotFound(string id)
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);

        var (status, answer) = await h.SendAsync(HttpMethod.Delete, $"/api/webhook_endpoints/{id}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("endpoint_not_found", UploadsApi.Error(answer).Code);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(OutboundHarness h, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await h.Api.PostAsync("/api/webhook_endpoints", content, Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }
}

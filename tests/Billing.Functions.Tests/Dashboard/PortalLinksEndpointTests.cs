using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Dashboard;

/// <summary>
/// <c>POST /api/customers/{id}/portal_links</c> and <c>GET /api/portal?token=</c> over HTTP on
/// Azurite: the link opens the one customer's portal until it expires (wall clock); bad input is a
/// 4xx in the error shape; a tampered, foreign or expired token gets a page with nothing of anyone.
/// </summary>
public sealed class PortalLinksEndpointTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset WallNow = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A body, and what the error message must name.</summary>
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"expires_in": 0}""", "expires_in must be from 60 to 604800 seconds; got 0" },
        { """{"expires_in": 59}""", "got 59" },
        { """{"expires_in": -3600}""", "got -3600" },
        { """{"expires_in": 604801}""", "got 604801" },
        { """{"expires_in": 99999999999999999999}""", "expires_in must be a whole number" },
        { """{"expires_in": 1.5}""", "expires_in must be a whole number" },
        { """{"expires_in": "3600"}""", "expires_in must be a whole number" },
        { """{"expires_in": 3600, "customer": "cus_B"}""", "Unknown field 'customer'" },
        { """[3600]""", "not a JSON array" },
        { "soon", "The body is empty or {\"expires_in\": seconds}" },
    };

    [Fact]
    public async Task PostPortalLinks_NoBody_AnswersAnHourLongLinkThatOpensThatCustomersPortal()
    {
        var wall = new FakeTimeProvider(WallNow);
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp(wallClock: wall).CreateClient();
        await DashboardSeed.PostUsageAsync(client);

        using var response = await client.PostAsync("/api/customers/cus_A/portal_links", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(["customer", "url", "expires_at"], link.EnumerateObject().Select(p => p.Name));
        Assert.Equal("cus_A", link.GetProperty("customer").GetString());
        Assert.Equal(WallNow.AddHours(1).ToUnixTimeSeconds(), link.GetProperty("expires_at").GetInt64());
        var url = new Uri(link.GetProperty("url").GetString()!);
        Assert.Equal("/api/portal", url.AbsolutePath);
        Assert.StartsWith("?token=", url.Query, StringComparison.Ordinal);

        var (status, html) = await GetPageAsync(client, url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Usage and invoices of cus_A", html, StringComparison.Ordinal);
        Assert.Contains("sub_cus_A", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cus_B", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPortalLinks_ExpiresInGiven_ExpiresThen()
    {
        var wall = new FakeTimeProvider(WallNow);
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp(wallClock: wall).CreateClient();

        var link = await CreateAsync(client, "cus_B", """{"expires_in": 604800}""");

        Assert.Equal(WallNow.AddDays(7).ToUnixTimeSeconds(), link.GetProperty("expires_at").GetInt64());
    }

    [Fact]
    public async Task PostPortalLinks_UnknownCustomer_Returns404CustomerNotFound()
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.PostAsync("/api/customers/cus_nobody/portal_links", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("customer_not_found", error.GetProperty("code").GetString());
        Assert.Contains("cus_nobody", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostPortalLinks_BadExpiry_Returns400InvalidRequestNamingIt(string body, string message)
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp().CreateClient();

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/customers/cus_A/portal_links", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPortalLinks_NoSigningKey_Returns503PortalNotConfigured()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var response = await client.PostAsync("/api/customers/cus_A/portal_links", null, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("portal_not_configured", error.GetProperty("code").GetString());
        Assert.Contains("Portal__SigningKey", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPortal_TokenOfCusATamperedToNameCusB_Returns403WithNothingOfEither()
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp(wallClock: new FakeTimeProvider(WallNow)).CreateClient();
        await DashboardSeed.PostUsageAsync(client);
        var token = Token(await CreateAsync(client, "cus_A", null));
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[0]));
        var forged = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.Replace("cus_A", "cus_B", StringComparison.Ordinal))) + "." + token.Split('.')[1];

        var (status, html) = await GetPageAsync(client, $"/api/portal?token={forged}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Link not valid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cus_", html, StringComparison.Ordinal);
        Assert.DoesNotContain("USD", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/portal")]
    [InlineData("/api/portal?token=")]
    [InlineData("/api/portal?token=not-a-token")]
    [InlineData("/api/portal?token=Y3VzX0EKOTk5OTk5OTk5OQ.AAAA")]
    public async Task GetPortal_MissingOrMalformedToken_Returns403WithNothingOfAnyCustomer(string url)
    {
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp().CreateClient();
        await DashboardSeed.PostUsageAsync(client);

        var (status, html) = await GetPageAsync(client, url);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("cus_", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPortal_TokenPastItsExpiryByTheWallClock_Returns403Expired()
    {
        var wall = new FakeTimeProvider(WallNow);
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp(wallClock: wall).CreateClient();
        await DashboardSeed.PostUsageAsync(client);
        var link = await CreateAsync(client, "cus_A", """{"expires_in": 60}""");
        var path = new Uri(link.GetProperty("url").GetString()!).PathAndQuery;
        wall.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await GetPageAsync(client, path)).Status);

        wall.Advance(TimeSpan.FromSeconds(1));
        var (status, html) = await GetPageAsync(client, path);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Link expired", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cus_A", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPortal_BusinessClockMovedPastTheExpiry_LinkStillOpensUntilTheWallClockSaysSo()
    {
        // The test clock moves business time (periods, invoices), not how long a link someone holds is good for.
        var wall = new FakeTimeProvider(WallNow);
        await using var harness = await AppHarness.CreateAsync(azurite, more: DashboardSeed.Settings());
        using var client = harness.StartWebApp(wallClock: wall).CreateClient();
        var path = new Uri((await CreateAsync(client, "cus_A", """{"expires_in": 60}""")).GetProperty("url").GetString()!).PathAndQuery;

        harness.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(HttpStatusCode.OK, (await GetPageAsync(client, path)).Status);
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, string customer, string? body)
    {
        using var content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"/api/customers/{customer}/portal_links", content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static string Token(JsonElement link) => new Uri(link.GetProperty("url").GetString()!).Query["?token=".Length..];

    private static async Task<(HttpStatusCode Status, string Html)> GetPageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}

using System.Text.Json;
using System.Net;
using Billing.Functions.Hosting;
using Billing.Testing;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// <c>GET /api/openapi.json</c>: the public API alone (no trigger function), each operation with
/// the auth level of its trigger, and the caller's URL as the server.
/// </summary>
public sealed class OpenApiDocumentTests(AzuriteFixture azurite)
{
    private static readonly string[] Invocations = ["/IngestUsageBlob", "/ClosePeriods", "/CheckThreshold", "/InvoiceRun", "/Reconcile", "/DeliverWebhook"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApiJson_Paths_EveryHttpFunctionAndNothingOutsideApi()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json", Ct));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.All(paths, path => Assert.StartsWith("/api/", path, StringComparison.Ordinal));
        Assert.DoesNotContain(paths, Invocations.Contains);
        Assert.Equal(
            HttpFunctions().Where(f => f.Name != "OpenApi").Select(f => f.Path).Distinct().Order(StringComparer.Ordinal),
            paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenApiJson_EachOperation_StatesTheAuthLevelOfItsTrigger()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json", Ct));

        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        var header = schemes.GetProperty("functionKey");
        Assert.Equal(("apiKey", "header", "x-functions-key"), (header.GetProperty("type").GetString(), header.GetProperty("in").GetString(), header.GetProperty("name").GetString()));
        var query = schemes.GetProperty("functionKeyQuery");
        Assert.Equal(("apiKey", "query", "code"), (query.GetProperty("type").GetString(), query.GetProperty("in").GetString(), query.GetProperty("name").GetString()));
        foreach (var function in HttpFunctions().Where(f => f.Name != "OpenApi"))
        {
            var operation = document.RootElement.GetProperty("paths").GetProperty(function.Path).GetProperty(function.Method);
            var security = operation.TryGetProperty("security", out var list)
                ? list.EnumerateArray().Select(r => string.Join("+", r.EnumerateObject().Select(p => p.Name))).ToArray()
                : [];
            if (function.AuthLevel == "anonymous")
            {
                Assert.True(security.Length == 0, $"{function.Name} is anonymous but its operation asks for {string.Join(" or ", security)}");
                Assert.StartsWith("Anonymous", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.True(security.SequenceEqual(["functionKey", "functionKeyQuery"]), $"{function.Name} ({function.AuthLevel}): security {string.Join(" or ", security)}");
            }
        }
    }

    [Fact]
    public async Task OpenApiJson_UploadsOperations_StateTheirQueryParametersAndErrors()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json", Ct));

        var paths = document.RootElement.GetProperty("paths");
        Assert.Equal(
            ["prefix string optional", "limit integer optional", "starting_after string optional"],
            Parameters(paths.GetProperty("/api/uploads").GetProperty("get")));
        Assert.Equal(
            ["file string required", "limit integer optional", "starting_after integer optional"],
            Parameters(paths.GetProperty("/api/uploads/rejects").GetProperty("get")));
        Assert.Equal(
            ["200", "400", "404", "409", "503"],
            paths.GetProperty("/api/uploads/rejects").GetProperty("get").GetProperty("responses").EnumerateObject().Select(r => r.Name));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("UploadList").GetProperty("properties").TryGetProperty("has_more", out _));
        Assert.True(schemas.GetProperty("UploadRejectsPage").GetProperty("properties").TryGetProperty("summary", out _));

        static string[] Parameters(JsonElement operation) =>
            [.. operation.GetProperty("parameters").EnumerateArray().Select(p =>
                $"{p.GetProperty("name").GetString()} {p.GetProperty("schema").GetProperty("type").GetString()} {(p.GetProperty("required").GetBoolean() ? "required" : "optional")}")];
    }

    [Fact]
    public async Task OpenApiJson_UpcomingInvoiceOperation_StatesItsRequiredSubscriptionAndTheInvoiceShape()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json", Ct));

        var operation = document.RootElement.GetProperty("paths").GetProperty("/api/invoices/upcoming").GetProperty("get");
        var parameter = Assert.Single(operation.GetProperty("parameters").EnumerateArray());
        Assert.Equal(
            ("subscription", "query", true, "string"),
            (parameter.GetProperty("name").GetString(), parameter.GetProperty("in").GetString(), parameter.GetProperty("required").GetBoolean(), parameter.GetProperty("schema").GetProperty("type").GetString()));
        var responses = operation.GetProperty("responses");
        Assert.Equal(["200", "400", "404", "503"], responses.EnumerateObject().Select(r => r.Name));
        // The preview has the shape of an item of GET /api/invoices.
        Assert.Equal(
            "#/components/schemas/InvoiceView",
            responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task OpenApiJson_CustomerUsageOperation_StatesPeriodStartDailyAndTheForecast()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json", Ct));

        var operation = document.RootElement.GetProperty("paths").GetProperty("/api/customers/{id}/usage").GetProperty("get");
        Assert.Equal(
            ["id path string required", "period_start query integer optional", "daily query string optional"],
            operation.GetProperty("parameters").EnumerateArray().Select(p =>
                $"{p.GetProperty("name").GetString()} {p.GetProperty("in").GetString()} {p.GetProperty("schema").GetProperty("type").GetString()} {(p.GetProperty("required").GetBoolean() ? "required" : "optional")}"));
        Assert.Equal(["200", "400", "404", "503"], operation.GetProperty("responses").EnumerateObject().Select(r => r.Name));
        var subscription = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("CustomerUsageResponse")
            .GetProperty("properties").GetProperty("subscriptions").GetProperty("items").GetProperty("properties");
        Assert.True(subscription.TryGetProperty("invoiced_at", out _));
        Assert.Equal(
            ["rate_per_day", "window", "projected_amount", "threshold_at", "spend_cap_at"],
            subscription.GetProperty("forecast").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["date", "events", "quantity", "amount"],
            subscription.GetProperty("meters").GetProperty("items").GetProperty("properties").GetProperty("daily").GetProperty("items")
                .GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task OpenApiJson_InvoiceShape_HasHostedInvoiceUrlAStringOrNullLikeTheStripeInvoiceId()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json", Ct));

        var properties = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("InvoiceView").GetProperty("properties");
        Assert.True(properties.TryGetProperty("hosted_invoice_url", out var hosted));
        Assert.Equal(properties.GetProperty("stripe_invoice_id").GetRawText(), hosted.GetRawText());
        Assert.Contains("hosted_invoice_url", document.RootElement.GetProperty("paths").GetProperty("/api/invoices").GetProperty("get").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiJson_WebhookOperations_StateTheirBodiesParametersAndErrors()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json", Ct));

        var paths = document.RootElement.GetProperty("paths");
        var endpoints = paths.GetProperty("/api/webhook_endpoints");
        Assert.Equal(["post", "get"], endpoints.EnumerateObject().Select(o => o.Name));
        Assert.Equal(["200", "400", "413", "503"], Responses(endpoints.GetProperty("post")));
        Assert.Equal(
            "#/components/schemas/WebhookEndpointBody",
            endpoints.GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal(["200", "404", "503"], Responses(paths.GetProperty("/api/webhook_endpoints/{id}").GetProperty("delete")));
        Assert.Equal(["200", "400", "503"], Responses(paths.GetProperty("/api/events").GetProperty("get")));
        Assert.Equal(
            ["limit integer", "starting_after string"],
            paths.GetProperty("/api/events").GetProperty("get").GetProperty("parameters").EnumerateArray()
                .Select(p => $"{p.GetProperty("name").GetString()} {p.GetProperty("schema").GetProperty("type").GetString()}"));
        Assert.Equal(["200", "404", "503"], Responses(paths.GetProperty("/api/events/{id}").GetProperty("get")));
        Assert.Equal(["200", "404", "503"], Responses(paths.GetProperty("/api/events/{id}/redeliver").GetProperty("post")));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("CreatedWebhookEndpoint").GetProperty("properties").TryGetProperty("secret", out _));
        Assert.DoesNotContain("secret", schemas.GetProperty("WebhookEndpointList").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("enabled_events", schemas.GetProperty("WebhookEndpointList").GetRawText(), StringComparison.Ordinal);
        Assert.True(schemas.GetProperty("EventView").GetProperty("properties").TryGetProperty("deliveries", out _));

        static string[] Responses(JsonElement operation) => [.. operation.GetProperty("responses").EnumerateObject().Select(r => r.Name)];
    }

    [Fact]
    public async Task OpenApiJson_DashboardAndPortalOperations_StateTheirBodyHtmlAnswersAndTheAnonymousPortal()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json", Ct));

        var paths = document.RootElement.GetProperty("paths");
        var links = paths.GetProperty("/api/customers/{id}/portal_links").GetProperty("post");
        Assert.Equal(["200", "400", "404", "413", "503"], links.GetProperty("responses").EnumerateObject().Select(r => r.Name));
        Assert.Equal("#/components/schemas/PortalLink", links.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var body = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("PortalLinkBody");
        Assert.True(body.GetProperty("properties").TryGetProperty("expires_in", out _));
        var portal = paths.GetProperty("/api/portal").GetProperty("get");
        Assert.Equal(0, portal.GetProperty("security").GetArrayLength());
        Assert.Equal(["200", "403", "404", "503"], portal.GetProperty("responses").EnumerateObject().Select(r => r.Name));
        Assert.Equal("string", portal.GetProperty("responses").GetProperty("403").GetProperty("content").GetProperty("text/html").GetProperty("schema").GetProperty("type").GetString());
        var dashboard = paths.GetProperty("/api/dashboard").GetProperty("get");
        Assert.True(dashboard.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/html", out _));
        Assert.Equal("page", Assert.Single(dashboard.GetProperty("parameters").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task OpenApiJson_AlertOperations_StateTheirBodyParameterAndErrors()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json", Ct));

        var paths = document.RootElement.GetProperty("paths");
        var alerts = paths.GetProperty("/api/alerts");
        Assert.Equal(["post", "get"], alerts.EnumerateObject().Select(o => o.Name));
        Assert.Equal(["200", "400", "404", "409", "413", "503"], Responses(alerts.GetProperty("post")));
        Assert.Equal(
            "#/components/schemas/AlertBody",
            alerts.GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal(["200", "400", "404", "503"], Responses(alerts.GetProperty("get")));
        Assert.Equal(
            ["subscription string optional"],
            alerts.GetProperty("get").GetProperty("parameters").EnumerateArray()
                .Select(p => $"{p.GetProperty("name").GetString()} {p.GetProperty("schema").GetProperty("type").GetString()} {(p.GetProperty("required").GetBoolean() ? "required" : "optional")}"));
        Assert.Equal(["200", "404", "503"], Responses(paths.GetProperty("/api/alerts/{id}").GetProperty("delete")));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Equal(
            ["subscription", "type", "meter", "gte"],
            schemas.GetProperty("AlertBody").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.True(schemas.GetProperty("AlertView").GetProperty("properties").TryGetProperty("last_triggered", out _));

        static string[] Responses(JsonElement operation) => [.. operation.GetProperty("responses").EnumerateObject().Select(r => r.Name)];
    }

    [Fact]
    public async Task OpenApiJson_ForwardedHostAndProto_ServerIsTheUrlTheCallerUsed()
    {
        // As in Azure: the Functions host forwards the request to the worker over loopback (its
        // Host is the worker's address) and states the caller's host and scheme in X-Forwarded-*.
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.Host = "127.0.0.1:41234";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "billing.example.net");

        using var response = await client.SendAsync(request, Ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var server = Assert.Single(document.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal("https://billing.example.net/", server.GetProperty("url").GetString());
    }

    [Fact]
    public void Run_ForwardedHeadersFromBeyondLoopback_ServerIsTheRequestsOwnUrl()
    {
        // Only the host on the same machine may state the caller's URL; anyone else is the caller.
        var context = new DefaultHttpContext
        {
            Request = { Method = "GET", Scheme = "http", Host = new HostString("billing.example.net") },
            Connection = { RemoteIpAddress = IPAddress.Parse("203.0.113.7") },
        };
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-Host"] = "elsewhere.example";

        var document = PublicApiDocument.Build(context.Request);

        Assert.Equal("http://billing.example.net/", document["servers"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public void Endpoints_TableOfTheDocument_IsEveryHttpFunctionButItsOwn()
    {
        var table = PublicApiDocument.Endpoints.Select(e => $"{e.Function} {e.Method} {e.Route} {(e.Auth == FunctionAuth.Anonymous ? "anonymous" : "function")}");
        var functions = HttpFunctions().Where(f => f.Name != "OpenApi").Select(f => $"{f.Name} {f.Method.ToUpperInvariant()} {f.Path["/api/".Length..]} {f.AuthLevel}");

        Assert.Equal(functions.Order(StringComparer.Ordinal), table.Order(StringComparer.Ordinal));
    }

    /// <summary>The HTTP functions of the app (as functions.metadata lists them: a layout test checks it): name, document path, method, authLevel.</summary>
    private static IEnumerable<(string Name, string Path, string Method, string AuthLevel)> HttpFunctions() =>
        Tests.HttpFunctions.All.Select(f => (f.Name, "/api/" + f.Route, f.Method.ToLowerInvariant(), f.AuthLevel.ToString().ToLowerInvariant()));
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// <c>GET /api/openapi.json</c>: the public API alone (not the endpoints the host invokes), each
/// operation with the auth of its function.json, and the caller's URL as the server.
/// </summary>
public sealed class OpenApiDocumentTests(AzuriteFixture azurite)
{
    private static readonly string[] Invocations = ["/IngestUsageBlob", "/ClosePeriods", "/CheckThreshold", "/InvoiceRun", "/Reconcile"];

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
    public async Task OpenApiJson_EachOperation_StatesTheAuthLevelOfItsFunctionJson()
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
    public async Task OpenApiJson_HostAndForwardedProto_ServerIsTheUrlTheCallerUsed()
    {
        // As in Azure: the Functions host forwards the caller's Host, and the front end that
        // terminated TLS says the scheme was https.
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.Host = "billing.example.net";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "elsewhere.example");

        using var response = await client.SendAsync(request, Ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var server = Assert.Single(document.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal("https://billing.example.net/", server.GetProperty("url").GetString());
    }

    /// <summary>The HTTP functions of the built app's function.json files: name, document path, method, authLevel.</summary>
    private static IEnumerable<(string Name, string Path, string Method, string AuthLevel)> HttpFunctions()
    {
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "function.json", SearchOption.AllDirectories))
        {
            var trigger = JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
            if (trigger["type"]!.GetValue<string>() != "httpTrigger")
            {
                continue;
            }

            foreach (var method in trigger["methods"]!.AsArray())
            {
                yield return (
                    Path.GetFileName(Path.GetDirectoryName(file)!),
                    "/api/" + trigger["route"]!.GetValue<string>(),
                    method!.GetValue<string>().ToLowerInvariant(),
                    trigger["authLevel"]!.GetValue<string>());
            }
        }
    }
}

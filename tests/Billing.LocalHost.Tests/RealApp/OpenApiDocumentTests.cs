using System.Text.Json;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>
/// The app's OpenAPI document as a user fetches it, through the HTTP front: it names the front's
/// URL as its server (not the handler's internal port) and lists only the public API.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApiJson_ThroughTheFront_ServerIsTheFrontsUrlAndEveryPathIsUnderApi()
    {
        await using var harness = await RuntimeHarness.CreateAsync(DateTimeOffset.UtcNow.AddDays(-10), ["cus_A"]);
        var host = await harness.StartHostAsync("a");
        using var anonymous = RuntimeHarness.Client(host, key: null);

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("api/openapi.json", Ct));

        var server = Assert.Single(document.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal(host.BaseAddress.ToString(), server.GetProperty("url").GetString());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/meter_events", paths);
        Assert.All(paths, path => Assert.StartsWith("/api/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApiJson_CallerSendsForwardedHeaders_TheFrontReplacesThem()
    {
        await using var harness = await RuntimeHarness.CreateAsync(DateTimeOffset.UtcNow.AddDays(-10), ["cus_A"]);
        var host = await harness.StartHostAsync("a");
        using var anonymous = RuntimeHarness.Client(host, key: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/openapi.json");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "attacker.example");

        using var response = await anonymous.SendAsync(request, Ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var server = Assert.Single(document.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal(host.BaseAddress.ToString(), server.GetProperty("url").GetString());
    }
}

using System.Text.Json.Nodes;
using Billing.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// The deployable folder is what the Functions host expects: the executable host.json names,
/// a function.json per function naming a trigger the app serves, and no served function without one.
/// </summary>
public sealed class PublishLayoutTests(AzuriteFixture azurite, PublishedApp published) : IClassFixture<PublishedApp>
{
    [Fact]
    public void HostJson_DefaultExecutablePath_ExistsAndIsExecutable()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Directory, "host.json")))!;
        var executable = host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();
        var path = Path.Combine(published.Directory, executable);

        Assert.True(File.Exists(path), $"{executable} named by host.json is missing");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{executable} is not executable");
        }

        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
    }

    [Fact]
    public async Task FunctionJsons_EachNamesATriggerTheAppServes_AndEveryServedFunctionHasOne()
    {
        var functions = Functions();
        var served = await ServedAsync();

        Assert.NotEmpty(functions);
        foreach (var (name, trigger) in functions)
        {
            Assert.True(served.Contains(trigger.Served), $"{name}/function.json: the app does not serve {trigger.Served}");
        }

        foreach (var endpoint in served)
        {
            Assert.True(functions.Values.Any(f => f.Served == endpoint), $"the app serves {endpoint} but no function.json declares it");
        }
    }

    [Fact]
    public void FunctionJsons_BlobTrigger_UsesEventGridSourceOnUsageContainer()
    {
        var binding = Trigger(Path.Combine(published.Directory, "IngestUsageBlob", "function.json"));

        Assert.Equal("blobTrigger", binding["type"]!.GetValue<string>());
        Assert.Equal("EventGrid", binding["source"]!.GetValue<string>());
        Assert.StartsWith("usage/", binding["path"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private Dictionary<string, (string Type, string Served)> Functions()
    {
        var functions = new Dictionary<string, (string, string)>();
        foreach (var file in Directory.GetFiles(published.Directory, "function.json", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(file)!);
            var trigger = Trigger(file);
            var type = trigger["type"]!.GetValue<string>();
            functions[name] = type == "httpTrigger"
                ? (type, string.Join(",", trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).Order()) + " /api/" + trigger["route"]!.GetValue<string>())
                : (type, $"POST /{name}");
        }

        return functions;
    }

    private static JsonObject Trigger(string file)
    {
        var bindings = JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray();
        var triggers = bindings.Where(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal)).ToArray();
        Assert.Single(triggers);
        return triggers[0]!.AsObject();
    }

    /// <summary>Every route the app maps, as "METHODS /pattern", with route parameters as in function.json.</summary>
    private async Task<HashSet<string>> ServedAsync()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await using var web = harness.StartWebApp();
        _ = web.CreateClient();
        var sources = web.Services.GetServices<EndpointDataSource>();
        return sources
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => string.Join(",", (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Order())
                + " " + e.RoutePattern.RawText!.TrimEnd('/'))
            .ToHashSet();
    }
}

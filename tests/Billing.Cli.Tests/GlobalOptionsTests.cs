using Billing.Cli.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Cli.Tests;

/// <summary>Where the URL, key and storage come from: options, then variables, then local.settings.json, then defaults.</summary>
public sealed class GlobalOptionsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("billing-cli-settings").FullName;

    public GlobalOptionsTests() => File.WriteAllText(
        Path.Combine(root, "local.settings.json"),
        """{"Values": {"FunctionsHostKey": "from-file", "AzureWebJobsStorage": "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1"}}""");

    [Fact]
    public void Resolve_NothingGiven_UsesDefaults()
    {
        var settings = Resolve([], new Dictionary<string, string>(), repositoryRoot: null);

        Assert.Equal(new Uri("http://127.0.0.1:7071/"), settings.Url);
        Assert.Null(settings.Key);
        Assert.Equal("UseDevelopmentStorage=true", settings.Connection);
    }

    [Fact]
    public void Resolve_LocalSettings_GiveKeyAndStorage()
    {
        var settings = Resolve([], new Dictionary<string, string>(), root);

        Assert.Equal("from-file", settings.Key);
        Assert.Equal("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1", settings.Connection);
    }

    [Fact]
    public void Resolve_Variables_WinOverLocalSettings()
    {
        var settings = Resolve([], new Dictionary<string, string> { ["BILLING_URL"] = "http://127.0.0.1:8000", ["BILLING_KEY"] = "from-env" }, root);

        Assert.Equal(new Uri("http://127.0.0.1:8000/"), settings.Url);
        Assert.Equal("from-env", settings.Key);
    }

    [Fact]
    public void Resolve_Options_WinOverEverything()
    {
        var settings = Resolve(
            ["--url", "http://localhost:9000/", "--key", "from-option", "--connection", "UseDevelopmentStorage=true"],
            new Dictionary<string, string> { ["BILLING_URL"] = "http://127.0.0.1:8000", ["BILLING_KEY"] = "from-env" },
            root);

        Assert.Equal(new Uri("http://localhost:9000/"), settings.Url);
        Assert.Equal("from-option", settings.Key);
        Assert.Equal("UseDevelopmentStorage=true", settings.Connection);
    }

    [Fact]
    public void Resolve_BadUrlVariable_IsAUsageError()
    {
        var error = Assert.Throws<CliException>(() => Resolve([], new Dictionary<string, string> { ["BILLING_URL"] = "not a url" }, null));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("BILLING_URL", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static CliSettings Resolve(string[] options, IReadOnlyDictionary<string, string> variables, string? repositoryRoot)
    {
        using var output = new StringWriter();
        var environment = CliRun.Environment(output, output, variables, repositoryRoot, new FakeTimeProvider(CliRun.Now));
        var global = new GlobalOptions();
        var root = new System.CommandLine.RootCommand();
        foreach (var option in global.All)
        {
            root.Options.Add(option);
        }

        return global.Resolve(root.Parse(options), environment);
    }
}

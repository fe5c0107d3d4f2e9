using System.Diagnostics;
using System.Text.Json.Nodes;
using Billing.Cli.Hosting;
using Billing.Cli.Tests.Support;
using Billing.LocalRuntime;

namespace Billing.Cli.Tests.Hosting;

/// <summary>
/// End to end through the CLI's own code paths: an in-memory Azurite and the real app started by
/// <see cref="RuntimeAppHost"/>, a generated file uploaded by <c>billing upload</c>, ingested by the
/// blob trigger, and seen by <c>billing usage</c>.
/// </summary>
public sealed class UploadAndUsageIntegrationTests
{
    private const string HostKey = "test-host-key";

    [Fact]
    public async Task UploadThenUsage_GeneratedSample_IsIngestedAndShownWithinFifteenSeconds()
    {
        var root = RepositoryRoot.Find();
        await using var host = new RuntimeAppHost(new AppHostOptions(root, SampleSettings(root), Port: 0, DataDirectory: null, LogFile: null));
        await host.StartAsync(TestContext.Current.CancellationToken);
        string[] connection = ["--url", host.BaseAddress.ToString(), "--key", host.HostKey, "--connection", host.StorageConnectionString];
        var clock = Stopwatch.StartNew();

        var upload = await CliRun.RunRealTimeAsync(["upload", "--sample", "--prefix", "it/", "--timeout", "15", .. connection]);
        var usage = await CliRun.RunRealTimeAsync(["usage", "cus_A", .. connection]);

        clock.Stop();
        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Matches(@"uploaded it/sample-\d{8}T\d{6}Z\.jsonl: ", upload.Out);
        Assert.Matches(@"it/sample-\d{8}T\d{6}Z\.jsonl: 54 events, 52 accepted, 1 duplicate, 1 rejected, 0 late", upload.Out);
        Assert.Matches(@"rejected rows \(line, identifier, reason, message\): usage-rejects/it/sample-\d{8}T\d{6}Z\.jsonl\.errors\.jsonl", upload.Out);
        Assert.True(usage.ExitCode == 0, usage.ToString());
        // The sample's cus_A usage (its events are stamped in the 10 minutes before now: this holds
        // unless the test runs in the first minutes of a month, when some fall in the previous period).
        Assert.Matches(@"compute_seconds\s+price_compute\s+12\s+2,686.25\s+USD 1.34", usage.Out);
        Assert.Matches(@"api_calls\s+price_api_calls\s+10\s+10\s+USD 20.00", usage.Out);
        Assert.Matches(@"storage_gb\s+price_storage\s+4\s+140\s+USD 20.00", usage.Out);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"upload and usage took {clock.Elapsed}");
    }

    private static Dictionary<string, string> SampleSettings(string root)
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(root, LocalSettings.SampleFileName)))!["Values"]!.AsObject();
        var settings = values.ToDictionary(p => p.Key, p => p.Value!.ToString());
        settings[LocalSettings.HostKey] = HostKey;
        return settings;
    }
}

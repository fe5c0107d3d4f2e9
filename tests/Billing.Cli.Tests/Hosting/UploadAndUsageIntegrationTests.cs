using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Billing.Cli.Hosting;
using Billing.Cli.Tests.Support;
using Billing.LocalDev;

namespace Billing.Cli.Tests.Hosting;

/// <summary>
/// End to end through the CLI's own code paths: an in-memory Azurite and the real app started by
/// <see cref="LocalHostAppHost"/>, a generated file uploaded by <c>billing upload</c>, ingested by the
/// blob trigger, and seen by <c>billing usage</c>.
/// </summary>
public sealed class UploadAndUsageIntegrationTests
{
    private const string HostKey = "test-host-key";

    [Fact]
    public async Task UploadThenUsage_GeneratedSample_IsIngestedAndShownWithinFifteenSeconds()
    {
        var root = RepositoryRoot.Find();
        await using var host = new LocalHostAppHost(new AppHostOptions(root, SampleSettings(root), Port: 0, DataDirectory: null, LogFile: null));
        await host.StartAsync(TestContext.Current.CancellationToken);
        string[] connection = ["--url", host.BaseAddress.ToString(), "--key", host.HostKey, "--connection", host.StorageConnectionString];

        // The sample's events are stamped in the ten minutes before the CLI's now. On the real date
        // some would fall in the previous period in the first minutes of a month; so the app's test
        // clock (on in the sample settings) is advanced to noon on the 15th of a month, and the CLI
        // generates the sample at that same instant. The test clock only moves forward (from the
        // real time, in this fresh in-memory storage), hence next month's 15th: always ahead.
        var real = TimeProvider.System.GetUtcNow();
        var midMonth = new DateTimeOffset(real.Year, real.Month, 15, 12, 0, 0, TimeSpan.Zero).AddMonths(1);
        var advanced = await CliRun.RunAtAsync(midMonth, ["clock", "advance", midMonth.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), .. connection]);
        Assert.True(advanced.ExitCode == 0, advanced.ToString());
        var clock = Stopwatch.StartNew();

        var upload = await CliRun.RunAtAsync(midMonth, ["upload", "--sample", "--prefix", "it/", "--timeout", "15", .. connection]);
        var usage = await CliRun.RunAtAsync(midMonth, ["usage", "cus_A", .. connection]);

        clock.Stop();
        var stamp = midMonth.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Contains($"uploaded it/sample-{stamp}.jsonl: ", upload.Out, StringComparison.Ordinal);
        Assert.Contains($"it/sample-{stamp}.jsonl: 54 events, 52 accepted, 1 duplicate, 1 rejected, 0 late", upload.Out, StringComparison.Ordinal);
        Assert.Contains($"rejected rows (line, identifier, reason, message): usage-rejects/it/sample-{stamp}.jsonl.errors.jsonl", upload.Out, StringComparison.Ordinal);
        Assert.True(usage.ExitCode == 0, usage.ToString());
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"cus_A: usage as of {midMonth:yyyy-MM-dd HH:mm:ss}Z"), usage.Out, StringComparison.Ordinal);
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
        // Advancing the clock closes every period since the catalog's anchor; without Stripe their
        // invoice runs would only fail and be retried beside the ingestion this test times.
        settings["AzureWebJobs.InvoiceRun.Disabled"] = "true";
        return settings;
    }
}

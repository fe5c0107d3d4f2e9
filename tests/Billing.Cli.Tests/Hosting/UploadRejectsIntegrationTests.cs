using System.Text.Json.Nodes;
using Billing.Cli.Hosting;
using Billing.Cli.Tests.Support;
using Billing.LocalDev;

namespace Billing.Cli.Tests.Hosting;

/// <summary>
/// A CSV file with a wrong header, end to end through the CLI and the real app (started by
/// <see cref="LocalHostAppHost"/> on an in-memory Azurite): <c>billing upload</c> says what is wrong,
/// <c>billing rejects</c> shows the row through <c>GET /api/uploads/rejects</c>, and
/// <c>GET /api/uploads</c> lists the file as processed.
/// </summary>
public sealed class UploadRejectsIntegrationTests
{
    [Fact]
    public async Task UploadThenRejects_CsvHeaderWithTsForTimestamp_BothExplainTheHeader()
    {
        var root = RepositoryRoot.Find();
        await using var host = new LocalHostAppHost(new AppHostOptions(root, Settings(root), Port: 0, DataDirectory: null, LogFile: null));
        await host.StartAsync(TestContext.Current.CancellationToken);
        string[] connection = ["--url", host.BaseAddress.ToString(), "--key", host.HostKey, "--connection", host.StorageConnectionString];
        var directory = Directory.CreateTempSubdirectory("billing-upload-");
        var path = Path.Combine(directory.FullName, "wrong.csv");
        await File.WriteAllTextAsync(
            path,
            "event_name,ts,identifier,stripe_customer_id,value\ncompute_seconds,1767225600,w-1,cus_A,10\ncompute_seconds,1767225600,w-2,cus_A,20\n",
            TestContext.Current.CancellationToken);
        try
        {
            var upload = await CliRun.RunRealTimeAsync(["upload", path, "--prefix", "it/", "--timeout", "30", .. connection]);
            var rejects = await CliRun.RunRealTimeAsync(["rejects", "it/wrong.csv", .. connection]);
            var unknown = await CliRun.RunRealTimeAsync(["rejects", "it/nothing.csv", .. connection]);
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            http.DefaultRequestHeaders.Add("x-functions-key", host.HostKey);
            var listed = JsonNode.Parse(await http.GetStringAsync("api/uploads?prefix=it/", TestContext.Current.CancellationToken))!;
            using var badPrefix = await http.GetAsync("api/uploads?prefix=../it/", TestContext.Current.CancellationToken);

            const string Explained = "the CSV header lacks timestamp; its columns are event_name,ts,identifier,stripe_customer_id,value. "
                + "A usage CSV starts with a header such as event_name,timestamp,identifier,stripe_customer_id,value";
            Assert.True(upload.ExitCode == 0, upload.ToString());
            Assert.Contains("it/wrong.csv: 1 event, 0 accepted, 0 duplicates, 1 rejected, 0 late", upload.Out, StringComparison.Ordinal);
            Assert.Contains("  rejected by reason: malformed 1", upload.Out, StringComparison.Ordinal);
            Assert.Matches(@"\n\s+1  -\s+malformed  " + System.Text.RegularExpressions.Regex.Escape(Explained), upload.Out);
            Assert.Contains("No row of the file was read", upload.Out, StringComparison.Ordinal);

            Assert.True(rejects.ExitCode == 0, rejects.ToString());
            Assert.Contains("it/wrong.csv: 1 event, 0 accepted, 0 duplicates, 1 rejected, 0 late", rejects.Out, StringComparison.Ordinal);
            Assert.Matches(@"\n\s+1  -\s+malformed  " + System.Text.RegularExpressions.Regex.Escape(Explained), rejects.Out);

            // The same file through the local Functions host's route of GET /api/uploads, and its 400.
            var file = Assert.Single(listed["data"]!.AsArray())!;
            Assert.Equal(("it/wrong.csv", "processed", 1L), (file["name"]!.GetValue<string>(), file["status"]!.GetValue<string>(), file["summary"]!["rejected"]!.GetValue<long>()));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, badPrefix.StatusCode);
            Assert.Equal("invalid_request", JsonNode.Parse(await badPrefix.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["error"]!["code"]!.GetValue<string>());

            Assert.True(unknown.ExitCode == 1, unknown.ToString());
            Assert.Contains("No usage file 'it/nothing.csv' (nor a summary of one).", unknown.Error, StringComparison.Ordinal);
            Assert.Contains("(404 upload_not_found)", unknown.Error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Settings(string root)
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(root, LocalSettings.SampleFileName)))!["Values"]!.AsObject();
        var settings = values.ToDictionary(p => p.Key, p => p.Value!.ToString());
        settings[LocalSettings.HostKey] = "test-host-key";
        // No Stripe here: invoice runs of the sample catalog's ended periods would only fail and retry.
        settings["AzureWebJobs.InvoiceRun.Disabled"] = "true";
        return settings;
    }
}

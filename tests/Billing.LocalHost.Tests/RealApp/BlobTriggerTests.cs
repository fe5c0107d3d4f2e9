using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using Azure.Storage.Blobs.Specialized;
using Billing.LocalHost.Triggers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>The blob trigger and the HTTP front, through the local host and the real app, each test on an Azurite of its own.</summary>
public sealed class BlobTriggerTests
{
    private static readonly DateTimeOffset Anchor = DateTimeOffset.UtcNow.AddDays(-10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadedFile_IsIngestedOnce_AndUsageIsServedOnlyWithTheKey()
    {
        await using var harness = await RuntimeHarness.CreateAsync(Anchor, ["cus_A"]);
        var host = await harness.StartHostAsync("a");
        var (content, expected) = UsageFiles.Compute("cus_A", "file", 500);

        var etag = await harness.UploadAsync("2026/usage-1.jsonl", content);
        await host.ScanNowAsync(Ct);

        var usage = await Eventually.WaitAsync(
            () => RuntimeHarness.UsageAsync(host, "cus_A", "compute_seconds"), u => u?.Events == expected.Events, "the file's usage");
        Assert.Equal(expected, usage);
        var receipt = await Eventually.WaitAsync(() => harness.ReceiptAsync("2026/usage-1.jsonl", etag), r => r?.GetString("Status") == "Done", "the receipt");
        Assert.Equal(1, receipt!.GetInt32("Tries"));
        Assert.Single(host.Invocations, i => i.Function == "IngestUsageBlob" && i.Succeeded && i.Item == $"2026/usage-1.jsonl@{etag}");

        using var anonymous = RuntimeHarness.Client(host, key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/customers/cus_A/usage", Ct)).StatusCode);
        using var wrongKey = RuntimeHarness.Client(host, key: "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("api/customers/cus_A/usage", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"api/customers/cus_A/usage?code={RuntimeHarness.HostKey}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("api/no/such/route", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync("api/customers/cus_A/usage", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task MeterEvents_ForwardedWithItsBody_AndRefusedWithoutTheKey()
    {
        await using var harness = await RuntimeHarness.CreateAsync(Anchor, ["cus_A"]);
        var host = await harness.StartHostAsync("a");
        var body = Billing.Testing.UsageEvents.Compute("cus_A", "http-1", DateTimeOffset.UtcNow.AddMinutes(-5), 42);

        using var anonymous = RuntimeHarness.Client(host, key: null);
        var refused = await anonymous.PostAsync("api/meter_events", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        using var client = RuntimeHarness.Client(host);
        var accepted = await client.PostAsync("api/meter_events", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("\"accepted\":1,", await accepted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(new MeterUsage(1, 42), await RuntimeHarness.UsageAsync(host, "cus_A", "compute_seconds"));
    }

    [Fact]
    public async Task BlobFailingEveryTry_IsPoisonedAfterFive_WhileAnotherIsProcessed()
    {
        await using var harness = await RuntimeHarness.CreateAsync(Anchor, ["cus_A"]);
        var host = await harness.StartHostAsync("a");
        var (good, expected) = UsageFiles.Compute("cus_A", "good", 100);

        // A file's content no longer fails the function (a broken file is an error in its summary:
        // retrying would read the same bytes), so here storage fails it: another party holds a
        // lease on bad.jsonl's summary blob, and every try's write of the summary is refused.
        var rejects = harness.Blobs.GetBlobContainerClient("usage-rejects");
        await rejects.CreateIfNotExistsAsync(cancellationToken: Ct);
        var summary = rejects.GetBlobClient("bad.jsonl.summary.json");
        await summary.UploadAsync(BinaryData.FromString("{}"), Ct);
        await summary.GetBlobLeaseClient().AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: Ct);
        var badETag = await harness.UploadAsync("bad.jsonl", []);
        var goodETag = await harness.UploadAsync("good.jsonl", good);
        await host.ScanNowAsync(Ct);

        var receipt = await Eventually.WaitAsync(() => harness.ReceiptAsync("bad.jsonl", badETag), r => r?.GetString("Status") == "Poison", "the poison record");
        Assert.Equal(5, receipt!.GetInt32("Tries"));
        Assert.Contains("RequestFailedException: There is currently a lease", receipt.GetString("LastError"), StringComparison.Ordinal);
        Assert.Equal(5, host.Invocations.Count(i => i.Item == $"bad.jsonl@{badETag}" && !i.Succeeded));

        var poison = Assert.Single(await harness.PeekAsync("webjobs-blobtrigger-poison"));
        using var message = JsonDocument.Parse(poison);
        Assert.Equal("Host.Functions.IngestUsageBlob", message.RootElement.GetProperty("FunctionId").GetString());
        Assert.Equal("BlockBlob", message.RootElement.GetProperty("BlobType").GetString());
        Assert.Equal("usage", message.RootElement.GetProperty("ContainerName").GetString());
        Assert.Equal("bad.jsonl", message.RootElement.GetProperty("BlobName").GetString());
        Assert.Equal(badETag.ToString(), message.RootElement.GetProperty("ETag").GetString());

        // The usage API answers zero for a known customer before the file commits: wait for its receipt.
        await Eventually.WaitAsync(() => harness.ReceiptAsync("good.jsonl", goodETag), r => r?.GetString("Status") == "Done", "the good file's receipt");
        Assert.Equal(expected, await RuntimeHarness.UsageAsync(host, "cus_A", "compute_seconds"));
    }

    [Fact]
    public async Task BrokenFile_IsDoneAtTheFirstTry_WithItsErrorInTheSummaryNotPoisoned()
    {
        await using var harness = await RuntimeHarness.CreateAsync(Anchor, ["cus_A"]);
        var host = await harness.StartHostAsync("a");

        var etag = await harness.UploadAsync("bad.jsonl.gz", Encoding.UTF8.GetBytes("this is not gzip\n"));
        await host.ScanNowAsync(Ct);

        var receipt = await Eventually.WaitAsync(() => harness.ReceiptAsync("bad.jsonl.gz", etag), r => r?.GetString("Status") is "Done" or "Poison", "the receipt");
        Assert.Equal(("Done", 1), (receipt!.GetString("Status"), receipt.GetInt32("Tries")));
        var summary = await harness.Blobs.GetBlobContainerClient("usage-rejects").GetBlobClient("bad.jsonl.gz.summary.json").DownloadContentAsync(Ct);
        using var json = JsonDocument.Parse(summary.Value.Content.ToMemory());
        Assert.False(json.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal("not_gzip", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(await harness.PeekAsync("webjobs-blobtrigger-poison"));
    }

    [Fact]
    public async Task ClaimOfADeadHost_ExpiresAndTheBlobIsRetriedByAnother()
    {
        // Leases are judged on the host's clock: a fake one makes "before" and "after expiry" exact.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await RuntimeHarness.CreateAsync(Anchor, ["cus_A"]);
        var (content, expected) = UsageFiles.Compute("cus_A", "orphan", 50);
        var etag = await harness.UploadAsync("orphan.jsonl", content);
        await harness.Receipts.CreateIfNotExistsAsync(Ct);
        await harness.Receipts.AddEntityAsync(
            BlobReceipt.Create("IngestUsageBlob", BlobReceipt.Key("orphan.jsonl", etag.ToString()), "orphan.jsonl", etag.ToString(), BlobReceipt.Running, 1, clock.GetUtcNow().AddSeconds(30), "dead", null, clock.GetUtcNow()),
            Ct);

        var host = await harness.StartHostAsync("a", clock);
        await host.ScanNowAsync(Ct);
        var invokedWhileLeased = host.Invocations.Count;
        clock.Advance(TimeSpan.FromSeconds(31));
        await host.ScanNowAsync(Ct);

        var receipt = await Eventually.WaitAsync(() => harness.ReceiptAsync("orphan.jsonl", etag), r => r?.GetString("Status") == "Done", "the retry");
        Assert.Equal(0, invokedWhileLeased);
        Assert.Equal(2, receipt!.GetInt32("Tries"));
        Assert.Equal("a", receipt.GetString("Owner"));
        Assert.Equal(expected, await RuntimeHarness.UsageAsync(host, "cus_A", "compute_seconds"));
    }

    [Fact]
    public async Task OverwrittenBlob_IsNewWork()
    {
        await using var harness = await RuntimeHarness.CreateAsync(Anchor, ["cus_A"]);
        var host = await harness.StartHostAsync("a");
        var (first, _) = UsageFiles.Compute("cus_A", "v1", 10);
        var (second, _) = UsageFiles.Compute("cus_A", "v2", 20);

        var v1 = await harness.UploadAsync("daily.jsonl", first);
        await host.ScanNowAsync(Ct);
        await Eventually.WaitAsync(() => harness.ReceiptAsync("daily.jsonl", v1), r => r?.GetString("Status") == "Done", "version 1");
        var v2 = await harness.UploadAsync("daily.jsonl", second);
        await host.ScanNowAsync(Ct);
        await Eventually.WaitAsync(() => harness.ReceiptAsync("daily.jsonl", v2), r => r?.GetString("Status") == "Done", "version 2");

        Assert.Equal(2, host.Invocations.Count(i => i.Function == "IngestUsageBlob" && i.Succeeded));
        Assert.Equal(30, (await RuntimeHarness.UsageAsync(host, "cus_A", "compute_seconds"))!.Events);
    }

    [Fact]
    public async Task ScanMeetsAnExceptionOfAnUnexpectedType_IsLoggedAsAnError_AndALaterFileIsStillIngested()
    {
        await using var harness = await RuntimeHarness.CreateAsync(Anchor, ["cus_A"]);
        var logs = new RecordingLoggerProvider();
        var host = await harness.StartHostAsync("a", logs: logs);

        // A control character in a blob name makes Azurite answer List Blobs with a 500 and an empty
        // body, which the SDK fails to parse: an XmlException, not a RequestFailedException.
        var unlistable = harness.Usage.GetBlobClient("bad\u0001name.jsonl");
        await harness.UploadAsync(unlistable.Name, Encoding.UTF8.GetBytes("{}\n"));
        var failed = await Eventually.WaitAsync(
            () => Task.FromResult(logs.Records.FirstOrDefault(r => r.EventId == 1203)), r => r is not null, "the failed scan in the log");

        Assert.Equal(LogLevel.Error, failed!.Level);
        Assert.IsType<XmlException>(failed.Exception);
        Assert.StartsWith("IngestUsageBlob: container scan failed (XmlException: Root element is missing.), 1 in a row; next scan in ", failed.Message, StringComparison.Ordinal);

        await unlistable.DeleteAsync(cancellationToken: Ct);
        var (content, expected) = UsageFiles.Compute("cus_A", "later", 50);
        var etag = await harness.UploadAsync("later.jsonl", content);
        await host.ScanNowAsync(Ct).WaitAsync(Eventually.DefaultTimeout, Ct); // answered: the scan loop still runs

        await Eventually.WaitAsync(() => harness.ReceiptAsync("later.jsonl", etag), r => r?.GetString("Status") == "Done", "the later file's receipt");
        Assert.Equal(expected, await RuntimeHarness.UsageAsync(host, "cus_A", "compute_seconds"));
    }
}

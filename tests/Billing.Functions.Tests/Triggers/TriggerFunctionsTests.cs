using System.Text.Json;
using Azure.Storage.Blobs;
using Billing.Functions.Triggers;
using Billing.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests.Triggers;

/// <summary>
/// The trigger functions as the worker calls them: the blob function ingests the version that
/// fired (its ETag from the binding data, or read from storage), queue functions refuse what is
/// not one of our messages (so the host retries, then poisons it), a timer passes on IsPastDue.
/// </summary>
public sealed class TriggerFunctionsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Jan5 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IngestUsageBlob_ETagInBindingData_IngestsThatVersion()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        var file = await harness.UploadAsync("bound.jsonl", TestFiles.Jsonl([TestEvent.Compute("cus_A", "e1", Jan5, "2")]));
        var properties = JsonSerializer.Serialize(new Dictionary<string, object> { ["ETag"] = file.ETag, ["ContentLength"] = 1 });

        await harness.App.Function<IngestUsageBlobFunction>().RunAsync(Blob(harness, "bound.jsonl"), new TestFunctionContext(new Dictionary<string, object?> { ["Properties"] = properties }), Ct);

        var summary = await harness.ReadSummaryAsync("bound.jsonl");
        Assert.Equal((file.ETag, 1L), (summary.GetProperty("etag").GetString(), summary.GetProperty("accepted").GetInt64()));
    }

    [Fact]
    public async Task IngestUsageBlob_NoPropertiesInBindingData_ReadsTheETagFromStorage()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        var file = await harness.UploadAsync("unbound.jsonl", TestFiles.Jsonl([TestEvent.Compute("cus_A", "e1", Jan5, "2"), TestEvent.Compute("cus_B", "e2", Jan5, "3")]));

        await harness.App.Function<IngestUsageBlobFunction>().RunAsync(Blob(harness, "unbound.jsonl"), new TestFunctionContext(new Dictionary<string, object?>()), Ct);

        var summary = await harness.ReadSummaryAsync("unbound.jsonl");
        Assert.Equal((file.ETag, 2L), (summary.GetProperty("etag").GetString(), summary.GetProperty("accepted").GetInt64()));
    }

    [Theory]
    [InlineData("""{"ETag":"\"0x8DC\"","Length":3}""", "\"0x8DC\"")]
    [InlineData("""{"Etag":"\"0x8DD\""}""", "\"0x8DD\"")]
    [InlineData("""{"Length":3}""", null)]
    [InlineData("not json", null)]
    public void ETag_PropertiesAsTheWorkerGetsThem_TheETagOrNull(string properties, string? expected)
    {
        Assert.Equal(expected, BlobTriggerData.ETag(new Dictionary<string, object?> { ["Properties"] = properties }));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    public async Task QueueFunctions_NotOneOfOurMessages_Throw(string message)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        await Assert.ThrowsAsync<ArgumentException>(() => harness.App.Function<CheckThresholdFunction>().RunAsync(message, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.App.Function<InvoiceRunFunction>().RunAsync(message, client: null!, Ct));
    }

    [Theory]
    [InlineData(true, "ClosePeriods: 0 periods handed to invoicing (past due)")]
    [InlineData(false, "ClosePeriods: 0 periods handed to invoicing")]
    public async Task ClosePeriods_Timer_RunsItsDueTimerAndSaysWhetherPastDue(bool pastDue, string logged)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        var logs = new RecordedLogs();
        var app = await harness.StartInstanceAsync(l => l.AddProvider(logs));

        await app.Function<ClosePeriodsFunction>().RunAsync(new TimerInfo { IsPastDue = pastDue }, client: null!, Ct);

        Assert.Equal([logged], logs.WithEventId(205).Select(e => e.Message));
    }

    private static BlobClient Blob(AppHarness harness, string name) =>
        new BlobServiceClient(harness.Settings["AzureWebJobsStorage"]).GetBlobContainerClient(harness.UsageContainer).GetBlobClient(name);
}

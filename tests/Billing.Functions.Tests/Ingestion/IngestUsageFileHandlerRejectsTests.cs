using System.Text.Json;
using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion;

public sealed class IngestUsageFileHandlerRejectsTests(AzuriteFixture azurite)
{
    private const string FileName = "2026/01/mixed.jsonl";

    // A blank line after the third event: skipped, yet it still counts in the line numbers.
    private const int BlankAfter = 3;

    [Fact]
    public async Task HandleAsync_EveryRejectionReason_WritesLineIdentifierAndReasonPerRejectedRow()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        await harness.IngestAsync(FileName, MixedFile());

        var expected = ValidationCases.All
            .Select((c, i) => (Case: c, Line: (long)(i < BlankAfter ? i + 1 : i + 2)))
            .Where(x => x.Case.Status == "rejected")
            .Select(x => (x.Line, x.Case.Identifier, x.Case.Reason))
            .ToArray();
        var rejects = await harness.ReadRejectsAsync(FileName);
        Assert.Equal(
            expected,
            rejects.Select(r => (r.GetProperty("line").GetInt64(), r.GetProperty("identifier").GetString(), r.GetProperty("reason").GetString())));
        Assert.All(rejects, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetString())));
        Assert.Contains("payload.value", rejects.Single(r => r.GetProperty("reason").GetString() == "negative_value").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_EveryRejectionReason_WritesSummaryWithCountsAndCountsOnlyAccepted()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        var file = await harness.UploadAsync(FileName, MixedFile());

        var report = await harness.App.HandleAsync(file, TestContext.Current.CancellationToken);

        var summary = await harness.ReadSummaryAsync(FileName);
        Assert.Equal($"{harness.Prefix}usage/{FileName}", summary.GetProperty("file").GetString());
        Assert.Equal(file.ETag, summary.GetProperty("etag").GetString());
        Assert.Equal(ValidationCases.All.Count, summary.GetProperty("events").GetInt64());
        Assert.Equal(ValidationCases.Count("accepted"), summary.GetProperty("accepted").GetInt64());
        Assert.Equal(ValidationCases.Count("duplicate"), summary.GetProperty("duplicates").GetInt64());
        Assert.Equal(ValidationCases.Count("rejected"), summary.GetProperty("rejected").GetInt64());
        Assert.Equal(0, summary.GetProperty("late").GetInt64());
        Assert.Equal($"{harness.Prefix}usage-rejects/{FileName}.errors.jsonl", summary.GetProperty("rejects_blob").GetString());
        Assert.Equal(AppHarness.Now.ToUnixTimeSeconds(), summary.GetProperty("completed_at").GetInt64());
        Assert.Equal((6, 1, 12), (report.Accepted, report.Duplicates, report.Rejected));

        var usage = await harness.ReadJanuaryAsync("cus_A");
        Assert.Equal(15m, usage!.QuantityOf("compute_seconds"));
        Assert.Equal(3, usage.Meters["compute_seconds"].EventCount);
        Assert.Equal(-4.5m, usage.QuantityOf("adjustments"));
        Assert.Equal(2m, usage.QuantityOf("api_calls"));
        Assert.False(usage.Meters.ContainsKey("active_users"));
    }

    [Fact]
    public async Task HandleAsync_NothingRejected_WritesNoRejectsBlob()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        await harness.IngestAsync("clean.jsonl", TestFiles.Jsonl(TestEvent.MixedRange(0, 12)));

        var summary = await harness.ReadSummaryAsync("clean.jsonl");
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("rejects_blob").ValueKind);
        Assert.Equal((12, 12, 0), (summary.GetProperty("events").GetInt64(), summary.GetProperty("accepted").GetInt64(), summary.GetProperty("rejected").GetInt64()));
        Assert.False(await harness.RejectsExistAsync("clean.jsonl"));
    }

    [Fact]
    public async Task HandleAsync_FileOverwrittenWithCleanVersion_RemovesTheEarlierVersionsRejects()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await harness.IngestAsync(FileName, MixedFile());

        await harness.IngestAsync(FileName, TestFiles.Jsonl(TestEvent.MixedRange(0, 12)));

        var summary = await harness.ReadSummaryAsync(FileName);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("rejects_blob").ValueKind);
        Assert.False(await harness.RejectsExistAsync(FileName));
    }

    private static byte[] MixedFile()
    {
        var lines = ValidationCases.All.Select(c => c.Json).ToList();
        lines.Insert(BlankAfter, "  ");
        return TestFiles.Lines(lines);
    }
}

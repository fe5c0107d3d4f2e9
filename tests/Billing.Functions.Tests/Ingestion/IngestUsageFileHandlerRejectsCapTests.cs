using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>A file of bad lines writes a bounded rejects blob and counts every rejection by reason.</summary>
public sealed class IngestUsageFileHandlerRejectsCapTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task HandleAsync_MoreRejectsThanMaxRejectRows_WritesTheFirstRowsAndCountsEveryReason()
    {
        var lines = Enumerable.Repeat("{}", 25)
            .Concat(Enumerable.Range(0, 5).Select(k => TestEvent.Compute("cus_A", $"neg-{k}", ValidationCases.InPeriod, "-1").ToJson()))
            .Concat(TestEvent.MixedRange(0, 3).Select(e => e.ToJson()))
            .ToArray();
        await using var harness = await AppHarness.CreateAsync(azurite, more: new Dictionary<string, string?> { ["Ingestion:MaxRejectRows"] = "10" });

        var report = await harness.IngestAsync("bad.jsonl", TestFiles.Lines(lines));

        Assert.Equal((33L, 3L, 30L), (report.Events, report.Accepted, report.Rejected));
        var rejects = await harness.ReadRejectsAsync("bad.jsonl");
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), rejects.Select(r => r.GetProperty("line").GetInt64()));
        var summary = await harness.ReadSummaryAsync("bad.jsonl");
        Assert.True(summary.GetProperty("rejects_truncated").GetBoolean());
        Assert.Equal("""{"malformed":25,"negative_value":5}""", summary.GetProperty("rejected_by_reason").GetRawText());
        Assert.Equal(30, summary.GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task HandleAsync_SmallGzipOfThirtyThousandEmptyObjects_DefaultCapWritesTenThousandRows()
    {
        // As in the issue: a few KB of gzip expand to a rejects blob many times the file's size.
        var content = TestFiles.Gzip(TestFiles.Lines(Enumerable.Repeat("{}", 30_000)));
        await using var harness = await AppHarness.CreateAsync(azurite);

        var report = await harness.IngestAsync("empty-objects.jsonl.gz", content);

        Assert.Equal(30_000, report.Rejected);
        Assert.Equal(10_000, (await harness.ReadRejectsAsync("empty-objects.jsonl.gz")).Count);
        var summary = await harness.ReadSummaryAsync("empty-objects.jsonl.gz");
        Assert.True(summary.GetProperty("rejects_truncated").GetBoolean());
        Assert.Equal("""{"malformed":30000}""", summary.GetProperty("rejected_by_reason").GetRawText());
    }

    [Fact]
    public async Task HandleAsync_FewerRejectsThanTheCap_AllRowsAndNotTruncated()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        await harness.IngestAsync("few.jsonl", TestFiles.Lines(["{}", "[1]", TestEvent.Compute("cus_A", "n", ValidationCases.InPeriod, "-2").ToJson()]));

        Assert.Equal(3, (await harness.ReadRejectsAsync("few.jsonl")).Count);
        var summary = await harness.ReadSummaryAsync("few.jsonl");
        Assert.False(summary.GetProperty("rejects_truncated").GetBoolean());
        Assert.Equal("""{"malformed":2,"negative_value":1}""", summary.GetProperty("rejected_by_reason").GetRawText());
    }
}

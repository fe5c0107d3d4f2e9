using System.IO.Compression;
using System.Text.Json;
using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// A file that cannot be read (to its end) is a file-level error in the summary; the function does
/// not fail (running it again would read the same bytes) and what was read is committed once.
/// </summary>
public sealed class IngestUsageFileHandlerFileErrorsTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsync_GzipCutInHalf_SummarySaysTruncatedAndTheLinesBeforeTheCutCountOnce()
    {
        var events = TestEvent.MixedRange(0, 2000).ToArray();
        var full = TestFiles.Gzip(TestFiles.Jsonl(events));
        await using var harness = await AppHarness.CreateAsync(azurite);
        var file = await harness.UploadAsync("cut.jsonl.gz", full[..(full.Length / 2)]);

        var report = await harness.App.HandleAsync(file, Ct);
        var again = await harness.App.HandleAsync(file, Ct);

        Assert.InRange(report.Events, 1, events.Length - 1);
        Assert.Equal((report.Events, 0L), (report.Accepted, report.Rejected));
        Assert.Equal((report.Events, 0L), (again.Duplicates, again.Accepted));
        var summary = await harness.ReadSummaryAsync("cut.jsonl.gz");
        Assert.False(summary.GetProperty("complete").GetBoolean());
        Assert.Equal("truncated_gzip", summary.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains($"lines 1 to {report.Events} were read", summary.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var read = events.Take((int)report.Events);
        Assert.Equal(await AppHarness.CleanRunTotalsAsync(azurite, "read.jsonl", TestFiles.Jsonl(read)), await harness.JanuaryTotalsAsync());
    }

    [Fact]
    public async Task HandleAsync_GzipCutAtALineBoundary_SummarySaysTruncatedAfterThoseLines()
    {
        // The first 500 lines compressed and flushed, then the rest: cut after the flush, a plain
        // GZipStream returns exactly 500 whole lines and nothing shows the other 500 are missing.
        var events = TestEvent.MixedRange(0, 1000).ToArray();
        using var buffer = new MemoryStream();
        int boundary;
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(TestFiles.Jsonl(events.Take(500)));
            gzip.Flush();
            boundary = (int)buffer.Length;
            gzip.Write(TestFiles.Jsonl(events.Skip(500)));
        }

        await using var harness = await AppHarness.CreateAsync(azurite);

        var report = await harness.IngestAsync("half.jsonl.gz", buffer.ToArray()[..boundary]);

        Assert.Equal((500L, 500L), (report.Events, report.Accepted));
        var summary = await harness.ReadSummaryAsync("half.jsonl.gz");
        Assert.False(summary.GetProperty("complete").GetBoolean());
        Assert.Equal("truncated_gzip", summary.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task HandleAsync_GzNameButNotGzip_SummarySaysNotGzipInsteadOfFailing()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        var report = await harness.IngestAsync("plain.jsonl.gz", TestFiles.Jsonl(TestEvent.MixedRange(0, 10)));

        Assert.Equal(0L, report.Events);
        var summary = await harness.ReadSummaryAsync("plain.jsonl.gz");
        Assert.False(summary.GetProperty("complete").GetBoolean());
        Assert.Equal("not_gzip", summary.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(await harness.JanuaryTotalsAsync());
    }

    [Theory]
    [InlineData("usage.txt")]
    [InlineData("usage.parquet")]
    [InlineData("2026/01/usage")]
    [InlineData("usage.gz")]
    [InlineData("usage.txt.gz")]
    public async Task HandleAsync_UnsupportedExtension_RefusedUnreadWithASummaryNamingTheSupportedOnes(string name)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        var report = await harness.IngestAsync(name, TestFiles.Jsonl(TestEvent.MixedRange(0, 10)));

        Assert.Equal((0L, 0L), (report.Events, report.Rejected));
        var summary = await harness.ReadSummaryAsync(name);
        Assert.False(summary.GetProperty("complete").GetBoolean());
        var error = summary.GetProperty("error");
        Assert.Equal("unsupported_file_type", error.GetProperty("code").GetString());
        Assert.Equal(
            $"{name}: not a usage file; the supported extensions are .jsonl, .ndjson, .json and .csv, each optionally followed by .gz",
            error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("rejects_blob").ValueKind);
        Assert.Empty(await harness.JanuaryTotalsAsync());
    }

    [Fact]
    public async Task HandleAsync_CompleteFile_SummarySaysCompleteWithoutError()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);

        await harness.IngestAsync("fine.csv.gz", TestFiles.Gzip(TestFiles.Csv(TestEvent.MixedRange(0, 10))));

        var summary = await harness.ReadSummaryAsync("fine.csv.gz");
        Assert.True(summary.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("error").ValueKind);
        Assert.Equal(10, summary.GetProperty("accepted").GetInt64());
        Assert.Equal("{}", summary.GetProperty("rejected_by_reason").GetRawText());
        Assert.False(summary.GetProperty("rejects_truncated").GetBoolean());
    }
}

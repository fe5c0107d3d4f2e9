using System.Text;
using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion;

public sealed class IngestUsageFileHandlerFormatsTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("usage.jsonl.gz")]
    [InlineData("usage.ndjson")]
    [InlineData("usage.csv")]
    [InlineData("usage.csv.gz")]
    [InlineData("excel.csv")]
    public async Task HandleAsync_OtherFormats_IngestTheSameAsPlainJsonl(string name)
    {
        var events = Events();
        var plainName = "usage.jsonl";
        await using var plain = await AppHarness.CreateAsync(azurite);
        var plainReport = await plain.IngestAsync(plainName, TestFiles.Jsonl(events));
        await using var harness = await AppHarness.CreateAsync(azurite);

        var report = await harness.IngestAsync(name, Content(name, events));

        Assert.Equal(
            (plainReport.Events, plainReport.Accepted, plainReport.Duplicates, plainReport.Rejected),
            (report.Events, report.Accepted, report.Duplicates, report.Rejected));
        Assert.Equal((120 + 3, 120 + 1, 1, 1), (report.Events, report.Accepted, report.Duplicates, report.Rejected));
        var expected = await plain.JanuaryTotalsAsync();
        Assert.Equal(18, expected.Count);
        Assert.Equal(expected, await harness.JanuaryTotalsAsync());

        // The header is line 1 of a CSV file, so its rows are one line further down.
        var headerLines = name.Contains(".csv", StringComparison.Ordinal) ? 1 : 0;
        var plainRejects = await plain.ReadRejectsAsync(plainName);
        var rejects = await harness.ReadRejectsAsync(name);
        Assert.Equal(
            plainRejects.Select(r => (r.GetProperty("line").GetInt64() + headerLines, r.GetProperty("identifier").GetString(), r.GetProperty("reason").GetString())),
            rejects.Select(r => (r.GetProperty("line").GetInt64(), r.GetProperty("identifier").GetString(), r.GetProperty("reason").GetString())));
    }

    private static byte[] Content(string name, IReadOnlyList<TestEvent> events)
    {
        var plain = name.Contains(".csv", StringComparison.Ordinal) ? TestFiles.Csv(events) : TestFiles.Jsonl(events);
        if (name.StartsWith("excel", StringComparison.Ordinal))
        {
            // As spreadsheet programs save CSV: a UTF-8 byte order mark and CRLF line ends.
            plain = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(plain).Replace("\n", "\r\n", StringComparison.Ordinal))];
        }

        return name.EndsWith(".gz", StringComparison.Ordinal) ? TestFiles.Gzip(plain) : plain;
    }

    // Every meter and customer, an identifier that needs CSV quoting, a duplicate and a rejection.
    private static TestEvent[] Events() =>
    [
        .. TestEvent.MixedRange(0, 120),
        TestEvent.Compute("cus_B", "evt,\"quoted\"", new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero), "12.125"),
        TestEvent.Compute("cus_B", "evt,\"quoted\"", new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero), "1"),
        TestEvent.Compute("cus_C", "negative", new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero), "-1"),
    ];
}

using System.Text;
using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>One line that is not text used to poison the whole file; now it is one rejected row.</summary>
public sealed class IngestUsageFileHandlerBadBytesTests(AzuriteFixture azurite)
{
    private const int Lines = 1000;
    private const int BadLine = 500;

    [Theory]
    [InlineData("usage.jsonl", "utf8", "invalid UTF-8 at byte ")]
    [InlineData("usage.jsonl", "surrogate", "lone surrogate escape \\ud800 at byte ")]
    [InlineData("usage.jsonl.gz", "utf8", "invalid UTF-8 at byte ")]
    [InlineData("usage.csv", "utf8", "invalid UTF-8 at byte ")]
    public async Task HandleAsync_OneLineThatIsNotTextAmongAThousand_RejectsThatLineWithItsNumberAndIngestsTheRest(string name, string bad, string message)
    {
        var events = TestEvent.MixedRange(0, Lines).ToArray();
        var csv = name.Contains(".csv", StringComparison.Ordinal);
        var lines = events.Select(e => Encoding.UTF8.GetBytes(csv ? e.ToCsv() : e.ToJson())).ToList();
        lines[BadLine - 1] = Spoil(lines[BadLine - 1], bad);
        if (csv)
        {
            lines.Insert(0, Encoding.UTF8.GetBytes(string.Join(',', TestEvent.CsvColumns)));
        }

        byte[] content = [.. lines.SelectMany(l => l.Append((byte)'\n'))];
        await using var harness = await AppHarness.CreateAsync(azurite);

        var report = await harness.IngestAsync(name, name.EndsWith(".gz", StringComparison.Ordinal) ? TestFiles.Gzip(content) : content);

        Assert.Equal((Lines, Lines - 1, 0L, 1L), (report.Events, report.Accepted, report.Duplicates, report.Rejected));
        var reject = Assert.Single(await harness.ReadRejectsAsync(name));
        Assert.Equal(BadLine + (csv ? 1 : 0), reject.GetProperty("line").GetInt64());
        Assert.Equal("malformed", reject.GetProperty("reason").GetString());
        Assert.StartsWith(message, reject.GetProperty("message").GetString(), StringComparison.Ordinal);
        var good = events.Where((_, i) => i != BadLine - 1);
        Assert.Equal(await AppHarness.CleanRunTotalsAsync(azurite, "good.jsonl", TestFiles.Jsonl(good)), await harness.JanuaryTotalsAsync());
    }

    /// <summary>Puts a bad byte (or a lone surrogate escape) inside the line's identifier.</summary>
    private static byte[] Spoil(byte[] line, string bad)
    {
        var at = line.AsSpan().IndexOf("evt-"u8) + 4;
        byte[] inserted = bad == "utf8" ? [0xC3, 0x28] : "\\ud800"u8.ToArray();
        return [.. line[..at], .. inserted, .. line[at..]];
    }
}

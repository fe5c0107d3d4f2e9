using System.IO.Compression;
using System.Text;
using Billing.Ingestion.Parsing;
using Billing.Ingestion.Tests.Support;

namespace Billing.Ingestion.Tests.Parsing;

public sealed class EventFilesGzipTests
{
    [Fact]
    public void Decompress_GzName_ReadsTheJsonLinesInside()
    {
        var lines = Enumerable.Range(0, 1000)
            .Select(i => $$$"""{"event_name":"api_call","timestamp":{{{1767225600 + i}}},"identifier":"evt-{{{i}}}","payload":{"stripe_customer_id":"cus_A"}}""");
        using var file = new MemoryStream(Gzip(string.Join("\n", lines) + "\n"));

        using var stream = EventFiles.Decompress(file, "2026/01/usage.jsonl.gz");
        var events = EventFiles.Read(stream, "2026/01/usage.jsonl.gz").ToList();

        Assert.NotSame(file, stream);
        Assert.Equal(1000, events.Count);
        Assert.All(events, e => Assert.Null(e.Malformed));
        Assert.Equal(("evt-999", 1000L), (events[^1].Identifier, events[^1].Line));
    }

    [Fact]
    public void Decompress_CsvGzThroughSmallReads_ReadsTheCsvInside()
    {
        var content = Gzip("event_name,timestamp,identifier,stripe_customer_id,value\r\ncompute_seconds,1767225600,evt-1,cus_A,12.5\r\n");
        using var file = GeneratedStream.Of(content, maxRead: 3);

        using var stream = EventFiles.Decompress(file, "usage.CSV.GZ");
        var e = Assert.Single(EventFiles.Read(stream, "usage.CSV.GZ"));

        Assert.Null(e.Malformed);
        Assert.Equal(("evt-1", "12.5"), (e.Identifier, e.PayloadValue("value")));
    }

    [Fact]
    public void Decompress_PlainName_ReturnsTheSameStream()
    {
        using var file = new MemoryStream();

        Assert.Same(file, EventFiles.Decompress(file, "usage.jsonl"));
    }

    [Fact]
    public void Read_GzipCutAtEveryLength_EndsWithTruncatedGzipAfterOnlyTheCompleteLines()
    {
        var lines = Lines(40);
        var full = Gzip(string.Join("\n", lines) + "\n");

        for (var cut = 0; cut < full.Length; cut++)
        {
            var (events, error) = ReadGz(full[..cut]);

            Assert.True(error?.Code == FileErrors.TruncatedGzip, $"cut at {cut} of {full.Length}: {error}");
            // Cut in the trailer, every line is there: only the proof that nothing follows is missing.
            Assert.True(events.Count <= lines.Length, $"cut at {cut}: {events.Count} events");
            Assert.Equal(lines.Take(events.Count).Select((_, i) => $"evt-{i}"), events.Select(e => e.Identifier));
            Assert.All(events, e => Assert.Null(e.Malformed));
            Assert.EndsWith(events.Count == 0 ? "no line was read" : $"lines 1 to {events.Count} were read", error.Message, StringComparison.Ordinal);
        }

        var (all, none) = ReadGz(full);
        Assert.Null(none);
        Assert.Equal(lines.Length, all.Count);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4096)]
    public void Read_ThreeMembersCutAtEveryLength_TruncatedUnlessCutBetweenMembers(int maxRead)
    {
        // Cut right after a member, what is left is a complete gzip file of its own (gzip -t
        // would say the same); cut anywhere else, it is not.
        var lines = Lines(30);
        var members = Enumerable.Range(0, 3).Select(m => Gzip(string.Join("\n", lines.Skip(m * 10).Take(10)) + "\n")).ToArray();
        var full = members.SelectMany(m => m).ToArray();
        var ends = new[] { members[0].Length, members[0].Length + members[1].Length, full.Length };

        for (var cut = 1; cut <= full.Length; cut++)
        {
            var (events, error) = ReadGz(full[..cut], maxRead);

            var whole = Array.IndexOf(ends, cut);
            Assert.True(whole >= 0 ? error is null : error?.Code == FileErrors.TruncatedGzip, $"cut at {cut} of {full.Length}: {error}");
            Assert.True(whole < 0 || events.Count == (whole + 1) * 10, $"cut at {cut}: {events.Count} events");
        }
    }

    [Fact]
    public void Read_GzipCutAtALineBoundary_ReadsThoseLinesAndSaysTheFileIsTruncated()
    {
        // Half the lines compressed and flushed, then the rest: a cut right after the flushed half
        // leaves whole lines only, which is what a plain GZipStream then silently returns.
        var lines = Lines(1000);
        using var buffer = new MemoryStream();
        int boundary;
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines.Take(500)) + "\n"));
            gzip.Flush();
            boundary = (int)buffer.Length;
            gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines.Skip(500)) + "\n"));
        }

        var (events, error) = ReadGz(buffer.ToArray()[..boundary]);

        Assert.Equal(500, events.Count);
        Assert.All(events, e => Assert.Null(e.Malformed));
        Assert.Equal(FileErrors.TruncatedGzip, error?.Code);
        Assert.Contains("truncated", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, "CRC-32")]
    [InlineData(4, "length")]
    public void Read_GzipTrailerDoesNotMatchTheData_CorruptGzip(int fromEnd, string check)
    {
        var content = Gzip(string.Join("\n", Lines(100)) + "\n");
        content[^fromEnd] ^= 0x01;

        var (events, error) = ReadGz(content);

        Assert.Equal(FileErrors.CorruptGzip, error?.Code);
        Assert.Contains(check, error!.Message, StringComparison.Ordinal);

        // zlib checks the trailer in the call that inflates the last data, and that call's output
        // is lost with the exception: some lines before the end may not be read.
        Assert.InRange(events.Count, 0, 100);
        Assert.All(events, e => Assert.Null(e.Malformed));
    }

    [Fact]
    public void Read_CorruptDataMidFile_CorruptGzipAfterTheLinesBeforeIt()
    {
        var content = Gzip(string.Join("\n", Lines(5000)) + "\n");
        content[content.Length / 2] ^= 0x55;

        var (events, error) = ReadGz(content);

        // Deflate data has no check of its own before the trailer: the damaged part may come out
        // as garbage lines (rejected as malformed) before zlib notices, and no later line is read.
        Assert.Equal(FileErrors.CorruptGzip, error?.Code);
        Assert.InRange(events.Count, 0, 4999);
        Assert.Contains("after", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not gzip\n")]
    [InlineData("{\"event_name\":\"api_call\"}\n")]
    [InlineData("x")]
    public void Read_NotGzipData_NotGzipAndNoEvents(string content)
    {
        var (events, error) = ReadGz(Encoding.UTF8.GetBytes(content));

        Assert.Empty(events);
        Assert.Equal(FileErrors.NotGzip, error?.Code);
        Assert.Contains("1f 8b", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyGzFile_TruncatedGzip()
    {
        var (events, error) = ReadGz([]);

        Assert.Empty(events);
        Assert.Equal(FileErrors.TruncatedGzip, error?.Code);
        Assert.Contains("empty", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DataAfterTheGzipStream_CorruptGzipAfterReadingEveryLine()
    {
        var content = Gzip(string.Join("\n", Lines(100)) + "\n").Concat("trailing"u8.ToArray()).ToArray();

        var (events, error) = ReadGz(content);

        Assert.Equal(100, events.Count);
        Assert.Equal(FileErrors.CorruptGzip, error?.Code);
        Assert.Contains("after the end", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 4096)]
    [InlineData(3, 4096)]
    [InlineData(1000, 3)]
    [InlineData(1000, 4096)]
    [InlineData(2, 100_000)]
    public void Read_ConcatenatedMembers_ReadsEveryLineWithoutError(int members, int maxRead)
    {
        // As `cat a.gz b.gz` or bgzip make: each member has its own CRC-32/length trailer.
        var lines = Lines(20_000);
        var perMember = lines.Length / members;
        var content = Enumerable.Range(0, members)
            .SelectMany(m => Gzip(string.Join("\n", lines.Skip(m * perMember).Take(m == members - 1 ? int.MaxValue : perMember)) + "\n"))
            .ToArray();

        var (events, error) = ReadGz(content, maxRead);

        Assert.Null(error);
        Assert.Equal(lines.Length, events.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(13)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(8193)]
    public void Read_MembersOfEverySizeWithFlushesInside_ReadsEveryLineWithoutError(int maxRead)
    {
        // Members of 0 to 97 lines, some flushed mid-way (an empty stored block before the end)
        // and compressed at every level: where a member ends relative to a read varies widely.
        var lines = Lines(3000);
        var content = new MemoryStream();
        var levels = new[] { CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.NoCompression, CompressionLevel.SmallestSize };
        var at = 0;
        for (var m = 0; at < lines.Length; m++)
        {
            var size = Math.Min((m * 37) % 98, lines.Length - at);
            using (var gzip = new GZipStream(content, levels[m % levels.Length], leaveOpen: true))
            {
                gzip.Write(Encoding.UTF8.GetBytes(string.Concat(lines.Skip(at).Take(size).Select(l => l + "\n"))));
                if (m % 3 == 0)
                {
                    gzip.Flush();
                }
            }

            at += size;
        }

        var (events, error) = ReadGz(content.ToArray(), maxRead);

        Assert.Null(error);
        Assert.Equal(lines.Length, events.Count);
    }

    [Fact]
    public void Read_IdenticalAndEmptyMembers_ReadsEveryLineWithoutError()
    {
        var text = string.Join("\n", Lines(300)) + "\n";
        var member = Gzip(text);
        var content = member.Concat(Gzip(string.Empty)).Concat(member).Concat(member).Concat(Gzip(string.Empty)).ToArray();

        var (events, error) = ReadGz(content, maxRead: 64);

        Assert.Null(error);
        Assert.Equal(900, events.Count);
    }

    [Fact]
    public void Read_SecondMemberCut_TruncatedGzipAfterTheFirstMembersLines()
    {
        var first = Gzip(string.Join("\n", Lines(100)) + "\n");
        var second = Gzip(string.Join("\n", Lines(100)) + "\n");

        var (events, error) = ReadGz([.. first, .. second[..^3]]);

        Assert.Equal(FileErrors.TruncatedGzip, error?.Code);
        Assert.Equal(200, events.Count); // the second member's data is all there; its trailer is not
    }

    private static string[] Lines(int count) =>
        Enumerable.Range(0, count)
            .Select(i => $$$"""{"event_name":"api_call","timestamp":{{{1767225600 + i}}},"identifier":"evt-{{{i}}}","payload":{"stripe_customer_id":"cus_A"}}""")
            .ToArray();

    private static (List<RawEvent> Events, FileError? Error) ReadGz(byte[] content, int maxRead = 64 * 1024)
    {
        using var stream = EventFiles.Decompress(GeneratedStream.Of(content, maxRead), "usage.jsonl.gz");
        var reader = EventFiles.Read(stream, "usage.jsonl.gz");
        var events = reader.ToList();
        return (events, reader.Error);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}

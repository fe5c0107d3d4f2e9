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

        Assert.IsType<GZipStream>(stream);
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

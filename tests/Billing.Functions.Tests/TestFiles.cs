using System.IO.Compression;
using System.Text;

namespace Billing.Functions.Tests;

/// <summary>File bodies in the formats the blob function reads.</summary>
internal static class TestFiles
{
    public static byte[] Jsonl(IEnumerable<TestEvent> events) => Lines(events.Select(e => e.ToJson()));

    public static byte[] Csv(IEnumerable<TestEvent> events) =>
        Lines(events.Select(e => e.ToCsv()).Prepend(string.Join(',', TestEvent.CsvColumns)));

    public static byte[] Lines(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }
}

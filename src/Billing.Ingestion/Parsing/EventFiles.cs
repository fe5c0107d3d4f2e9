using System.IO.Compression;

namespace Billing.Ingestion.Parsing;

/// <summary>
/// Reads usage files: JSON Lines (<c>.jsonl</c>, <c>.ndjson</c>, <c>.json</c>) or CSV with a header
/// row (<c>.csv</c>), gzip-compressed when the name ends in <c>.gz</c>. Streams: memory stays
/// bounded whatever the file size. Blank lines are skipped; every other line yields one event.
/// </summary>
public static class EventFiles
{
    /// <summary>Wraps <paramref name="stream"/> in gzip when the name says so.</summary>
    public static Stream Decompress(Stream stream, string name) =>
        name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream;

    public static bool IsCsv(string name)
    {
        var plain = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        return plain.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The events of a (decompressed) file stream, in file order.</summary>
    public static IEnumerable<RawEvent> Read(Stream stream, string name) =>
        IsCsv(name) ? ReadCsv(stream) : ReadJsonLines(stream);

    private static IEnumerable<RawEvent> ReadJsonLines(Stream stream) =>
        ReadLines(stream, (ReadOnlySpan<byte> line, long number, out bool stop) =>
        {
            stop = false;

            // Editors and some exporters start UTF-8 files with a byte order mark; it is not JSON.
            return JsonEventReader.ParseLine(number == 1 ? StripBom(line) : line, number);
        });

    private static IEnumerable<RawEvent> ReadCsv(Stream stream)
    {
        CsvEventReader? csv = null;
        return ReadLines(stream, (ReadOnlySpan<byte> line, long number, out bool stop) =>
        {
            stop = false;
            if (csv is not null)
            {
                return csv.Parse(line, number);
            }

            // The first non-blank line is the header; without a usable one every row is unreadable.
            csv = CsvEventReader.FromHeader(StripBom(line), out var problem);
            stop = csv is null;
            return csv is null ? RawEvent.Broken(number, problem!) : null;
        });
    }

    /// <summary>
    /// The non-blank lines of a stream, each turned into at most one event by <paramref name="parse"/>;
    /// an over-long line is a malformed event of its own, and the next line is read as usual.
    /// </summary>
    private static IEnumerable<RawEvent> ReadLines(Stream stream, LineParser parse)
    {
        using var lines = new LineReader(stream);
        while (true)
        {
            var status = lines.Next(out var line);
            if (status == LineReader.LineStatus.End)
            {
                yield break;
            }

            if (status == LineReader.LineStatus.TooLong)
            {
                yield return RawEvent.Broken(lines.LineNumber, $"line longer than {LineReader.MaxLineBytes} bytes");
                continue;
            }

            if (IsBlank(line))
            {
                continue;
            }

            var parsed = parse(line, lines.LineNumber, out var stop);
            if (parsed is not null)
            {
                yield return parsed;
            }

            if (stop)
            {
                yield break;
            }
        }
    }

    internal static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> line) =>
        line.StartsWith("\uFEFF"u8) ? line[3..] : line;

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    /// <summary>Turns one line into an event, or none (a header); <paramref name="stop"/> ends the file.</summary>
    private delegate RawEvent? LineParser(ReadOnlySpan<byte> line, long lineNumber, out bool stop);
}

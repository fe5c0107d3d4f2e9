namespace Billing.Ingestion.Parsing;

/// <summary>
/// Reads usage files: JSON Lines (<c>.jsonl</c>, <c>.ndjson</c>, <c>.json</c>) or CSV with a header
/// row (<c>.csv</c>), gzip-compressed when the name ends in <c>.gz</c>. Streams: memory stays
/// bounded whatever the file size. Blank lines are skipped; every other line yields one event.
/// </summary>
public static class EventFiles
{
    private static readonly string[] JsonLinesExtensions = [".jsonl", ".ndjson", ".json"];

    /// <summary>Whether the name ends in a supported extension; any other file is refused unread (<see cref="Unsupported"/>).</summary>
    public static bool IsSupported(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = WithoutGz(name);
        return IsCsv(name) || JsonLinesExtensions.Any(e => plain.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The file-level error of a file whose name <see cref="IsSupported"/> refuses; the CLI says the same.</summary>
    public static FileError Unsupported(string name) => new(
        FileErrors.UnsupportedFileType,
        $"{name}: not a usage file; the supported extensions are .jsonl, .ndjson, .json and .csv, each optionally followed by .gz");

    /// <summary>
    /// Wraps <paramref name="stream"/> in gzip decompression when the name says so, checked to its
    /// end (<see cref="CheckedGzipStream"/>): a truncated or corrupt file becomes the
    /// <see cref="EventFileReader.Error"/> of <see cref="Read"/>, never a silent partial file.
    /// </summary>
    public static Stream Decompress(Stream stream, string name) =>
        name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new CheckedGzipStream(stream) : stream;

    public static bool IsCsv(string name) => WithoutGz(name).EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>The events of a (decompressed) file stream, in file order; the name must be <see cref="IsSupported"/>.</summary>
    public static EventFileReader Read(Stream stream, string name)
    {
        if (!IsSupported(name))
        {
            throw new ArgumentException(Unsupported(name).Message, nameof(name));
        }

        return new EventFileReader(reader => IsCsv(name) ? ReadCsv(stream, reader) : ReadJsonLines(stream, reader));
    }

    private static IEnumerable<RawEvent> ReadJsonLines(Stream stream, EventFileReader reader) =>
        ReadLines(stream, reader, (ReadOnlySpan<byte> line, long number, out bool stop) =>
        {
            stop = false;

            // Editors and some exporters start UTF-8 files with a byte order mark; it is not JSON.
            return JsonEventReader.ParseLine(number == 1 ? StripBom(line) : line, number);
        });

    private static IEnumerable<RawEvent> ReadCsv(Stream stream, EventFileReader reader)
    {
        CsvEventReader? csv = null;
        return ReadLines(stream, reader, (ReadOnlySpan<byte> line, long number, out bool stop) =>
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
    private static IEnumerable<RawEvent> ReadLines(Stream stream, EventFileReader reader, LineParser parse)
    {
        using var lines = new LineReader(stream);
        while (true)
        {
            var status = Next(lines, reader, out var line);
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

    /// <summary>The next line; a broken stream ends the file, with the reason in <see cref="EventFileReader.Error"/>.</summary>
    private static LineReader.LineStatus Next(LineReader lines, EventFileReader reader, out ReadOnlySpan<byte> line)
    {
        try
        {
            return lines.Next(out line);
        }
        catch (BrokenFileException e)
        {
            // The line being read when the stream broke is incomplete: it is not an event.
            var read = lines.LineNumber;
            reader.Error = e.Error with { Message = $"{e.Error.Message}; {(read == 0 ? "no line was read" : $"lines 1 to {read} were read")}" };
            line = default;
            return LineReader.LineStatus.End;
        }
    }

    private static string WithoutGz(string name) => name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;

    internal static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> line) =>
        line.StartsWith("\uFEFF"u8) ? line[3..] : line;

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    /// <summary>Turns one line into an event, or none (a header); <paramref name="stop"/> ends the file.</summary>
    private delegate RawEvent? LineParser(ReadOnlySpan<byte> line, long lineNumber, out bool stop);
}

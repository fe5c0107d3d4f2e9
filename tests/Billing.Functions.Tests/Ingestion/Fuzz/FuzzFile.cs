using System.IO.Compression;
using System.Text;

namespace Billing.Functions.Tests.Ingestion.Fuzz;

/// <summary>
/// A generated usage file: its items at their line numbers (blank lines and CRLF ends mixed in),
/// possibly gzip-compressed, in several members, or cut short; and what reading it must give.
/// </summary>
/// <param name="LinesRead">Lines up to which the file is read: all of them, or those before a cut.</param>
/// <param name="Error">The summary's expected error code, or null.</param>
internal sealed record FuzzFile(string Name, byte[] Content, IReadOnlyList<(long Line, FuzzItem Item)> Items, long LinesRead, string? Error)
{
    public IEnumerable<(long Line, FuzzItem Item)> Read => Items.Where(i => i.Line <= LinesRead);

    /// <param name="gzip">"none", "one member", "members" (one per part) or "cut" (compressed, then cut at a random point).</param>
    public static FuzzFile Build(string name, FuzzLines lines, Random random, int count, string gzip)
    {
        var csv = name.Contains(".csv", StringComparison.Ordinal);
        var content = new MemoryStream();
        var items = new List<(long, FuzzItem)>();
        var boundaries = new List<int>();
        long line = 0;

        // Spreadsheet programs start files with a byte order mark, which only line 1 may carry.
        if (random.Next(2) == 0)
        {
            content.Write([0xEF, 0xBB, 0xBF]);
        }

        if (csv)
        {
            Write(content, Encoding.UTF8.GetBytes(string.Join(',', TestEvent.CsvColumns)), "\n", ref line);
        }

        var overlongAt = random.Next(1, count);
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && random.Next(20) == 0)
            {
                Write(content, Encoding.UTF8.GetBytes(random.Next(2) == 0 ? string.Empty : " \t "), "\n", ref line);
            }

            if (i > 0 && i % (count / 4) == 0)
            {
                boundaries.Add((int)content.Length);
            }

            var item = csv ? lines.Csv() : i == 0 ? lines.Json(FuzzContext.RequestStart) : i == overlongAt ? lines.Overlong() : lines.Json(FuzzContext.FileLine);
            Write(content, item.Bytes, random.Next(5) == 0 ? "\r\n" : "\n", ref line);
            items.Add((line, item));
        }

        var plain = content.ToArray();
        return gzip switch
        {
            "none" => new FuzzFile(name, plain, items, line, null),
            "one member" => new FuzzFile(name, Gzip(plain), items, line, null),
            "members" => new FuzzFile(name, [.. Parts(plain, boundaries).SelectMany(Gzip)], items, line, null),
            _ => Cut(name, Gzip(plain), items, random),
        };
    }

    private static FuzzFile Cut(string name, byte[] compressed, List<(long, FuzzItem)> items, Random random)
    {
        var cut = compressed[..random.Next(compressed.Length / 4, compressed.Length - 1)];

        // What a reader gets from the cut file: GZipStream hands out what it can decode and stops
        // without a word; every line ended by a newline in there is read.
        using var gzip = new GZipStream(new MemoryStream(cut), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        gzip.CopyTo(decoded);
        var complete = decoded.ToArray().Count(b => b == (byte)'\n');
        return new FuzzFile(name, cut, items, complete, "truncated_gzip");
    }

    private static void Write(MemoryStream content, byte[] bytes, string end, ref long line)
    {
        content.Write(bytes);
        content.Write(Encoding.ASCII.GetBytes(end));
        line++;
    }

    private static IEnumerable<byte[]> Parts(byte[] plain, List<int> boundaries)
    {
        var from = 0;
        foreach (var to in boundaries.Append(plain.Length))
        {
            yield return plain[from..to];
            from = to;
        }
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }
}

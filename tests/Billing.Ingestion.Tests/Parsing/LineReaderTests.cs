using System.Text;
using Billing.Ingestion.Parsing;

namespace Billing.Ingestion.Tests.Parsing;

public sealed class LineReaderTests
{
    [Fact]
    public void Next_MixedLineEndings_StripsTerminatorsAndCountsEveryLine()
    {
        using var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes("a\r\n\nb\r\rc\nlast")));

        var lines = ReadAll(reader);

        // Only a CR right before the LF belongs to the terminator; a lone CR is content.
        Assert.Equal([(1L, "a"), (2L, ""), (3L, "b\r\rc"), (4L, "last")], lines.Select(l => (l.Number, l.Text)));
    }

    [Fact]
    public void Next_TooLongLine_ReportedOnceThenReadingResumes()
    {
        var content = "first\n" + new string('x', LineReader.MaxLineBytes * 2) + "\nnext\n";
        using var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(content)));

        var lines = ReadAll(reader);

        Assert.Equal(
            [(1L, LineReader.LineStatus.Line, "first"), (2L, LineReader.LineStatus.TooLong, ""), (3L, LineReader.LineStatus.Line, "next")],
            lines.Select(l => (l.Number, l.Status, l.Text)));
    }

    [Fact]
    public void Next_AfterEnd_StaysAtEnd()
    {
        using var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes("only\n")));

        Assert.Equal(LineReader.LineStatus.Line, reader.Next(out _));
        Assert.Equal(LineReader.LineStatus.End, reader.Next(out _));
        Assert.Equal(LineReader.LineStatus.End, reader.Next(out _));
        Assert.Equal(1, reader.LineNumber);
    }

    private static List<(long Number, LineReader.LineStatus Status, string Text)> ReadAll(LineReader reader)
    {
        var lines = new List<(long, LineReader.LineStatus, string)>();
        while (reader.Next(out var line) is var status && status != LineReader.LineStatus.End)
        {
            lines.Add((reader.LineNumber, status, Encoding.UTF8.GetString(line)));
        }

        return lines;
    }
}

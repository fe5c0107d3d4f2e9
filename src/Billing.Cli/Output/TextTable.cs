namespace Billing.Cli.Output;

/// <summary>A plain-text table: a header row, then rows, columns padded to their widest cell.</summary>
internal sealed class TextTable(params TableColumn[] columns)
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"Expected {columns.Length} cells, got {cells.Length}.", nameof(cells));
        }

        rows.Add(cells);
    }

    public void WriteTo(TextWriter writer, string indent = "  ")
    {
        ArgumentNullException.ThrowIfNull(writer);
        var widths = columns.Select((c, i) => rows.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        WriteRow(writer, indent, widths, columns.Select(c => c.Header).ToArray());
        foreach (var row in rows)
        {
            WriteRow(writer, indent, widths, row);
        }
    }

    private void WriteRow(TextWriter writer, string indent, int[] widths, string[] cells)
    {
        var padded = cells.Select((cell, i) => columns[i].RightAligned ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
        writer.WriteLine(indent + string.Join("  ", padded).TrimEnd());
    }
}

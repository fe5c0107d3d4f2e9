using System.Text;
using System.Text.Unicode;

namespace Billing.Ingestion.Parsing;

/// <summary>
/// CSV events: a header row naming the columns, <c>event_name,timestamp,identifier</c> plus one
/// column per payload key (e.g. <c>stripe_customer_id,value</c>; the keys are the meters'). Fields
/// follow RFC 4180 quoting within a line; a quoted field cannot span lines. Empty cells are absent.
/// </summary>
internal sealed class CsvEventReader
{
    /// <summary>The header of the sample catalog's files, shown when a header lacks a required column.</summary>
    private const string ExampleHeader = "event_name,timestamp,identifier,stripe_customer_id,value";

    /// <summary>Most characters of a refused header quoted back (a JSON Lines file named .csv would quote its first event whole).</summary>
    private const int MaxShownHeader = 200;

    private readonly string[] columns;
    private readonly int eventNameColumn;
    private readonly int timestampColumn;
    private readonly int identifierColumn;

    private CsvEventReader(string[] columns)
    {
        this.columns = columns;
        eventNameColumn = Array.IndexOf(columns, "event_name");
        timestampColumn = Array.IndexOf(columns, "timestamp");
        identifierColumn = Array.IndexOf(columns, "identifier");
    }

    /// <summary>Reads the header; null with <paramref name="problem"/> set when it lacks a required column.</summary>
    public static CsvEventReader? FromHeader(ReadOnlySpan<byte> header, out string? problem)
    {
        if (!Utf8.IsValid(header))
        {
            problem = $"the CSV header is not text: {TextProblems.InvalidUtf8(header)}";
            return null;
        }

        var columns = Split(header, out problem)?.Select(c => c.Trim()).ToArray();
        if (columns is null)
        {
            return null;
        }

        var missing = new[] { "event_name", "timestamp" }.Where(c => !columns.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            // This row is all the uploader sees of the file (the rest is not read): name what the
            // header holds and what it should, so that "ts" next to "timestamp" explains itself.
            problem = $"the CSV header lacks {string.Join(" and ", missing)}; its columns are {Shown(columns)}. "
                + $"A usage CSV starts with a header such as {ExampleHeader} (event_name and timestamp required; identifier and one column per payload key optional). "
                + "No row of the file was read";
            return null;
        }

        return new CsvEventReader(columns);
    }

    public RawEvent Parse(ReadOnlySpan<byte> line, long lineNumber)
    {
        // Decoding would silently turn bad bytes into U+FFFD (into an identifier, a customer id):
        // a row that is not UTF-8 is malformed, as a JSON line is.
        if (!Utf8.IsValid(line))
        {
            return RawEvent.Broken(lineNumber, TextProblems.InvalidUtf8(line)!);
        }

        var cells = Split(line, out var problem);
        if (cells is null)
        {
            return RawEvent.Broken(lineNumber, problem!);
        }

        var identifier = identifierColumn >= 0 && identifierColumn < cells.Count && cells[identifierColumn].Length > 0
            ? cells[identifierColumn]
            : null;
        if (cells.Count != columns.Length)
        {
            return RawEvent.Broken(lineNumber, $"expected {columns.Length} fields, found {cells.Count}", identifier);
        }

        var payload = new List<KeyValuePair<string, string>>(columns.Length - 2);
        for (var i = 0; i < columns.Length; i++)
        {
            if (i != eventNameColumn && i != timestampColumn && i != identifierColumn && cells[i].Length > 0)
            {
                payload.Add(new(columns[i], cells[i]));
            }
        }

        var eventName = cells[eventNameColumn] is { Length: > 0 } name ? name : null;
        var timestamp = Timestamps.ParseText(cells[timestampColumn]);
        var why = eventName is null ? "event_name is required"
            : timestamp is null ? "timestamp must be Unix seconds or an RFC 3339 date-time"
            : null;
        return new RawEvent(lineNumber, eventName, timestamp, identifier, payload, why);
    }

    private static string Shown(string[] columns)
    {
        var text = string.Join(",", columns);
        return text.Length <= MaxShownHeader ? text : text[..MaxShownHeader] + "…";
    }

    private static List<string>? Split(ReadOnlySpan<byte> line, out string? problem)
    {
        problem = null;
        var text = Encoding.UTF8.GetString(line);
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var atCellStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    cell.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                atCellStart = true;
                continue;
            }
            else if (c == '"' && atCellStart)
            {
                quoted = true;
            }
            else
            {
                cell.Append(c);
            }

            atCellStart = false;
        }

        if (quoted)
        {
            problem = "unterminated quoted field";
            return null;
        }

        cells.Add(cell.ToString());
        return cells;
    }
}

using System.Text.Json;

namespace Billing.Ingestion.Parsing;

/// <summary>
/// Reads the body of a meter-events request: one event object, a JSON array of them, or NDJSON
/// (one object per line). Indexes are 0-based positions in the request.
/// </summary>
public static class RequestEvents
{
    /// <summary>
    /// The events of <paramref name="body"/>, or null with <paramref name="problem"/> set when the
    /// body as a whole is unreadable (a broken array). A bad element of a good array, or a bad
    /// NDJSON line, is one malformed event, not a failed request.
    /// </summary>
    public static IReadOnlyList<RawEvent>? Parse(ReadOnlyMemory<byte> body, out string? problem)
    {
        problem = null;
        var span = EventFiles.StripBom(body.Span).Trim(" \t\r\n"u8);
        if (span.IsEmpty)
        {
            problem = "the request body is empty; send one event object, a JSON array of events, or NDJSON";
            return null;
        }

        return span[0] == (byte)'[' ? ParseArray(span, out problem) : ParseObjectOrLines(span);
    }

    private static List<RawEvent>? ParseArray(ReadOnlySpan<byte> body, out string? problem)
    {
        problem = null;
        var events = new List<RawEvent>();
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    events.Add(JsonEventReader.Read(ref reader, events.Count));
                }
                else
                {
                    reader.Skip();
                    events.Add(RawEvent.Broken(events.Count, "expected a JSON object"));
                }
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                problem = "the JSON array is not terminated, or content follows it";
                return null;
            }
        }
        catch (JsonException e)
        {
            problem = $"invalid JSON array at byte {e.BytePositionInLine} of line {e.LineNumber + 1}";
            return null;
        }

        return events;
    }

    private static List<RawEvent> ParseObjectOrLines(ReadOnlySpan<byte> body)
    {
        // A single (possibly pretty-printed) object first; otherwise one object per line. A body
        // that is one JSON value is one event even when that event is malformed (say, it lacks a
        // payload): split into lines it would become several events, none naming the problem.
        var single = JsonEventReader.ParseLine(body, 0);
        if (single.Malformed is null || IsSingleValue(body))
        {
            return [single];
        }

        var events = new List<RawEvent>();
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range].TrimEnd((byte)'\r');
            if (!line.Trim(" \t"u8).IsEmpty)
            {
                events.Add(JsonEventReader.ParseLine(line, events.Count));
            }
        }

        return events;
    }

    private static bool IsSingleValue(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

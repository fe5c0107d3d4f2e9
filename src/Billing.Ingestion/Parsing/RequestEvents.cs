using System.Text.Json;

namespace Billing.Ingestion.Parsing;

/// <summary>
/// Reads the body of a meter-events request: one event object, a JSON array of them, or NDJSON
/// (one object per line). Indexes are 0-based positions in the request.
/// </summary>
public static class RequestEvents
{
    /// <summary>
    /// The events of <paramref name="body"/>. A bad element of a good array, or a bad NDJSON line
    /// (bad JSON, invalid UTF-8, a lone surrogate escape), is one malformed event, not a failed
    /// request; a body that cannot be split into events is <see cref="ParsedRequest.Unreadable"/>.
    /// Events are counted as they are read: past <paramref name="maxEvents"/> reading stops, so an
    /// oversized request never materializes more than one event over the limit.
    /// </summary>
    public static ParsedRequest Parse(ReadOnlySpan<byte> body, int maxEvents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxEvents);
        var span = EventFiles.StripBom(body).Trim(" \t\r\n"u8);
        if (span.IsEmpty)
        {
            return new ParsedRequest.Unreadable("the request body is empty; send one event object, a JSON array of events, or NDJSON");
        }

        return span[0] == (byte)'[' ? ParseArray(span, maxEvents) : ParseObjectOrLines(span, maxEvents);
    }

    private static ParsedRequest ParseArray(ReadOnlySpan<byte> body, int maxEvents)
    {
        var events = new List<RawEvent>();
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (events.Count == maxEvents)
                {
                    return new ParsedRequest.TooManyEvents(maxEvents);
                }

                events.Add(reader.TokenType == JsonTokenType.StartObject
                    ? ReadElement(ref reader, body, events.Count)
                    : SkipElement(ref reader, events.Count));
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                return new ParsedRequest.Unreadable("the JSON array is not terminated, or content follows it");
            }
        }
        catch (JsonException e)
        {
            return new ParsedRequest.Unreadable($"invalid JSON array at byte {e.BytePositionInLine} of line {e.LineNumber + 1}");
        }

        return new ParsedRequest.Events(events);
    }

    /// <summary>
    /// One object element; the reader ends on its <c>EndObject</c> whatever its strings hold, so a
    /// string that does not decode spoils that element only.
    /// </summary>
    private static RawEvent ReadElement(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, int index)
    {
        var start = reader.TokenStartIndex;
        var depth = reader.CurrentDepth;
        try
        {
            return JsonEventReader.Read(ref reader, index, origin: start);
        }
        catch (InvalidOperationException)
        {
            while (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != depth)
            {
                if (!reader.Read())
                {
                    throw new JsonException("The array ends inside an element.");
                }
            }

            return RawEvent.Broken(index, JsonEventReader.Undecodable(body[(int)start..(int)reader.BytesConsumed]));
        }
    }

    private static RawEvent SkipElement(ref Utf8JsonReader reader, int index)
    {
        reader.Skip();
        return RawEvent.Broken(index, "expected a JSON object");
    }

    private static ParsedRequest ParseObjectOrLines(ReadOnlySpan<byte> body, int maxEvents)
    {
        // A single (possibly pretty-printed) object first; otherwise one object per line. A body
        // that is one JSON value is one event even when that event is malformed (say, it lacks a
        // payload): split into lines it would become several events, none naming the problem.
        var single = JsonEventReader.ParseLine(body, 0);
        if (single.Malformed is null || IsSingleValue(body))
        {
            return maxEvents == 0 ? new ParsedRequest.TooManyEvents(maxEvents) : new ParsedRequest.Events([single]);
        }

        var events = new List<RawEvent>();
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range].TrimEnd((byte)'\r');
            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (events.Count == maxEvents)
            {
                return new ParsedRequest.TooManyEvents(maxEvents);
            }

            events.Add(JsonEventReader.ParseLine(line, events.Count));
        }

        return new ParsedRequest.Events(events);
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

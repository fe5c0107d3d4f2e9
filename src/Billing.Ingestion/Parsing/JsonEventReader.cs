using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Billing.Ingestion.Parsing;

/// <summary>
/// Reads one meter event object (Stripe's shape) from a <see cref="Utf8JsonReader"/> positioned on
/// its <c>StartObject</c>: <c>event_name</c>, <c>timestamp</c> (Unix seconds, or RFC 3339 text),
/// <c>identifier</c>, <c>payload</c> (string or number values). Unknown fields are ignored.
/// </summary>
internal static class JsonEventReader
{
    private static readonly byte[] EventNameProperty = "event_name"u8.ToArray();
    private static readonly byte[] TimestampProperty = "timestamp"u8.ToArray();
    private static readonly byte[] IdentifierProperty = "identifier"u8.ToArray();
    private static readonly byte[] PayloadProperty = "payload"u8.ToArray();

    /// <summary>
    /// Parses one JSON Lines line; a syntax error, invalid UTF-8 anywhere in the line or a lone
    /// surrogate escape in a field that is read makes a malformed event, never an exception.
    /// </summary>
    public static RawEvent ParseLine(ReadOnlySpan<byte> line, long lineNumber)
    {
        // JSON text is UTF-8 (RFC 8259 §8.1), but Utf8JsonReader only notices bad bytes in the
        // strings it decodes, and then throws. One vectorized pass over the line keeps the rule
        // simple (any bad byte makes the line malformed) for a few nanoseconds per line.
        if (!Utf8.IsValid(line))
        {
            return RawEvent.Broken(lineNumber, TextProblems.InvalidUtf8(line)!);
        }

        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return RawEvent.Broken(lineNumber, "expected a JSON object");
            }

            var result = Read(ref reader, lineNumber);
            return reader.Read() ? RawEvent.Broken(lineNumber, "unexpected content after the JSON object", result.Identifier) : result;
        }
        catch (JsonException e)
        {
            return RawEvent.Broken(lineNumber, $"invalid JSON at byte {e.BytePositionInLine}");
        }
        catch (InvalidOperationException)
        {
            // GetString on a string whose escapes are not valid UTF-16 (the bytes are valid UTF-8).
            return RawEvent.Broken(lineNumber, Undecodable(line));
        }
    }

    /// <summary>Why a string of an event whose bytes are valid UTF-8 could not be decoded.</summary>
    public static string Undecodable(ReadOnlySpan<byte> json) =>
        TextProblems.LoneSurrogateEscape(json) ?? "a string escape is not valid UTF-16";

    /// <summary>
    /// Reads the object the reader is on and leaves the reader on its <c>EndObject</c>. Throws
    /// <see cref="InvalidOperationException"/> when a string it reads does not decode (invalid
    /// UTF-8 or a lone surrogate escape): the reader is then left inside the object.
    /// </summary>
    public static RawEvent Read(ref Utf8JsonReader reader, long line)
    {
        string? eventName = null;
        string? identifier = null;
        DateTimeOffset? timestamp = null;
        string? problem = null;
        List<KeyValuePair<string, string>>? payload = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(EventNameProperty))
            {
                reader.Read();
                eventName = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                problem ??= eventName is null ? "event_name must be a string" : null;
            }
            else if (reader.ValueTextEquals(TimestampProperty))
            {
                reader.Read();
                timestamp = ReadTimestamp(ref reader);
                problem ??= timestamp is null ? "timestamp must be Unix seconds or an RFC 3339 date-time" : null;
            }
            else if (reader.ValueTextEquals(IdentifierProperty))
            {
                reader.Read();
                // An empty identifier is absent, as an empty CSV cell is: one is then derived from
                // the content. Kept, "" would make every such event a duplicate of the first.
                identifier = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0 ? reader.GetString() : null;
                problem ??= reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? null : "identifier must be a string";
            }
            else if (reader.ValueTextEquals(PayloadProperty))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    problem ??= "payload must be an object";
                    reader.Skip();
                    continue;
                }

                payload = ReadPayload(ref reader, ref problem);
            }
            else
            {
                reader.Read();
            }

            // Leave the reader on the value's last token: a mistyped object or array value (say
            // "event_name": {...}) must not be read as the event's own properties. No-op on scalars.
            reader.Skip();
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("Unterminated event object.");
        }

        problem ??= eventName is null ? "event_name is required"
            : timestamp is null ? "timestamp is required"
            : payload is null ? "payload is required"
            : null;
        return new RawEvent(line, eventName, timestamp, identifier, (IReadOnlyList<KeyValuePair<string, string>>?)payload ?? [], problem);
    }

    private static List<KeyValuePair<string, string>> ReadPayload(ref Utf8JsonReader reader, ref string? problem)
    {
        var payload = new List<KeyValuePair<string, string>>(2);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    payload.Add(new(key, reader.GetString()!));
                    break;
                case JsonTokenType.Number:
                    // Keep the literal: the value is decoded as decimal later, without a double in between.
                    payload.Add(new(key, System.Text.Encoding.UTF8.GetString(reader.ValueSpan)));
                    break;
                default:
                    problem ??= $"payload.{key} must be a string or a number";
                    reader.Skip();
                    break;
            }
        }

        return payload;
    }

    private static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var seconds):
                return FromUnix(seconds);
            case JsonTokenType.String:
                var span = reader.ValueSpan;
                if (!reader.ValueIsEscaped && Utf8Parser.TryParse(span, out long unix, out var consumed) && consumed == span.Length)
                {
                    return FromUnix(unix);
                }

                return Timestamps.ParseText(reader.GetString());
            default:
                return null;
        }
    }

    private static DateTimeOffset? FromUnix(long seconds) => Timestamps.FromUnixSeconds(seconds);
}

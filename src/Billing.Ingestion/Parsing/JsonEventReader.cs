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
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return RawEvent.Broken(lineNumber, "expected a JSON object");
            }

            var result = Read(ref reader, lineNumber, origin: 0);
            return reader.Read() ? RawEvent.Broken(lineNumber, "unexpected content after the JSON object", result.Identifier) : result;
        }
        catch (JsonException e)
        {
            return RawEvent.Broken(lineNumber, $"invalid JSON at byte {e.BytePositionInLine}");
        }
        catch (InvalidOperationException)
        {
            // GetString on a string that does not decode: invalid UTF-8, or a lone surrogate escape.
            return RawEvent.Broken(lineNumber, Undecodable(line));
        }
    }

    /// <summary>Why a string of this event (a line, an array element) could not be decoded; only called once one did not.</summary>
    public static string Undecodable(ReadOnlySpan<byte> json) =>
        TextProblems.InvalidUtf8(json) ?? TextProblems.LoneSurrogateEscape(json) ?? "a string escape is not valid UTF-16";

    /// <summary>
    /// Reads the object the reader is on and leaves the reader on its <c>EndObject</c>. Throws
    /// <see cref="InvalidOperationException"/> when a string it reads does not decode (invalid
    /// UTF-8 or a lone surrogate escape): the reader is then left inside the object.
    /// </summary>
    /// <remarks>
    /// JSON text is UTF-8 (RFC 8259 §8.1), but Utf8JsonReader only checks the strings it decodes.
    /// Those of the fields read (all of a well-formed event's) are decoded, and a bad byte makes
    /// GetString throw; the strings of any other field are checked here instead, so that a bad
    /// byte anywhere makes the event malformed (a damaged key such as "identi\xFFier" would
    /// otherwise drop the identifier without a word). The usual event pays nothing for it.
    /// </remarks>
    /// <param name="origin">Where the line or element starts in the reader's data: messages count bytes from there.</param>
    public static RawEvent Read(ref Utf8JsonReader reader, long line, long origin)
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
                problem ??= InvalidText(ref reader, origin);
                reader.Read();
                problem ??= SkipChecked(ref reader, origin);
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

    /// <summary>Checks the strings of a value that is not read; leaves the reader on its last token.</summary>
    private static string? SkipChecked(ref Utf8JsonReader reader, long origin)
    {
        var problem = InvalidText(ref reader, origin);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var depth = reader.CurrentDepth;
            while (reader.Read() && reader.CurrentDepth > depth)
            {
                problem ??= InvalidText(ref reader, origin);
            }
        }

        return problem;
    }

    private static string? InvalidText(ref Utf8JsonReader reader, long origin) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !Utf8.IsValid(reader.ValueSpan)
            ? TextProblems.InvalidUtf8At(reader.TokenStartIndex - origin + 1 + TextProblems.FirstInvalidUtf8(reader.ValueSpan))
            : null;

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

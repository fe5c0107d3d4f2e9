namespace Billing.Ingestion.Parsing;

/// <summary>
/// An event as read from a file or request, before validation. Payload values are kept as text
/// (numbers as their literal) so that validation, not parsing, decides what a value means.
/// </summary>
/// <param name="Line">1-based line (JSONL, CSV) or 0-based index (API request) for error reports.</param>
/// <param name="Malformed">Set when the record could not be read as an event; the other fields may be partial.</param>
/// <param name="Timestamp">Parsed timestamp; null when missing or unreadable (then <paramref name="Malformed"/> says why).</param>
public sealed record RawEvent(
    long Line,
    string? EventName,
    DateTimeOffset? Timestamp,
    string? Identifier,
    IReadOnlyList<KeyValuePair<string, string>> Payload,
    string? Malformed = null)
{
    public static RawEvent Broken(long line, string why, string? identifier = null) =>
        new(line, null, null, identifier, [], why);

    public string? PayloadValue(string key)
    {
        foreach (var pair in Payload)
        {
            if (pair.Key == key)
            {
                return pair.Value;
            }
        }

        return null;
    }
}

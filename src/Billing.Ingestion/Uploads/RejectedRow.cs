using System.Text.Json.Serialization;

namespace Billing.Ingestion.Uploads;

/// <summary>One line of a file's rejects (<c>usage-rejects/&lt;path&gt;.errors.jsonl</c>): the row's line number (from 1), its identifier if it had one, the reason code and a message.</summary>
public sealed record RejectedRow(
    [property: JsonPropertyName("line")] long Line,
    [property: JsonPropertyName("identifier")] string? Identifier,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message);

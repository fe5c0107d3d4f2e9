using System.Text.Json.Serialization;

namespace Billing.Functions.Ingestion;

/// <summary>
/// The summary written next to a file's rejects (<c>usage-rejects/&lt;path&gt;.summary.json</c>)
/// and returned by the blob function.
/// </summary>
public sealed record FileIngestionReport(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("etag")] string ETag,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("late")] long Late,
    [property: JsonPropertyName("rejects_blob")] string? RejectsBlob,
    [property: JsonPropertyName("completed_at")] long CompletedAt);

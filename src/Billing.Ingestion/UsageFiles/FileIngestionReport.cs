using System.Text.Json.Serialization;
using Billing.Domain;

namespace Billing.Ingestion.UsageFiles;

/// <summary>
/// The summary written next to a file's rejects (<c>usage-rejects/&lt;path&gt;.summary.json</c>)
/// and returned by the blob function (docs/contracts.md §1, Files).
/// </summary>
/// <param name="Complete">The file was read to its end; false with <paramref name="Error"/> saying why.</param>
/// <param name="Error">A file-level error: an unsupported file type (nothing read), or a gzip stream that is not gzip, corrupt or cut short (the lines before the break were ingested).</param>
/// <param name="RejectedByReason">Rejected rows per reason code; reasons that did not occur are absent.</param>
/// <param name="RejectsTruncated">The rejects blob holds only the first <c>Ingestion:MaxRejectRows</c> rejected rows; the counts cover them all.</param>
public sealed record FileIngestionReport(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("etag")] string ETag,
    [property: JsonPropertyName("complete")] bool Complete,
    [property: JsonPropertyName("error")] ErrorDetail? Error,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("late")] long Late,
    [property: JsonPropertyName("rejected_by_reason")] IReadOnlyDictionary<string, long> RejectedByReason,
    [property: JsonPropertyName("rejects_blob")] string? RejectsBlob,
    [property: JsonPropertyName("rejects_truncated")] bool RejectsTruncated,
    [property: JsonPropertyName("completed_at")] long CompletedAt);

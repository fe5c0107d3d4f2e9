using System.Text.Json.Serialization;
using Billing.Ingestion.UsageFiles;

namespace Billing.Ingestion.Uploads;

/// <summary>One usage file of <c>GET /api/uploads</c>: the file as stored now, and its summary once ingested.</summary>
/// <param name="Name">The path inside the usage container: what <c>prefix</c>, <c>starting_after</c> and the rejects' <c>file</c> take (the summary's <c>file</c> adds the container).</param>
/// <param name="ETag">The current version's ETag.</param>
/// <param name="Size">Bytes as stored (compressed for <c>.gz</c>).</param>
/// <param name="UploadedAt">When the current version was written, Unix seconds.</param>
/// <param name="Status"><see cref="UploadStatus"/>: <c>processed</c> or <c>processing</c>.</param>
/// <param name="Summary">The summary of the current version (docs/contracts.md §1, Files); null while processing.</param>
public sealed record UploadView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("etag")] string ETag,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("uploaded_at")] long UploadedAt,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("summary")] FileIngestionReport? Summary);

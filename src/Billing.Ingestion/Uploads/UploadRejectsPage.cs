using System.Text.Json.Serialization;
using Billing.Ingestion.UsageFiles;

namespace Billing.Ingestion.Uploads;

/// <summary>
/// A page of <c>GET /api/uploads/rejects</c>: the file's summary (its counts by reason, whether the
/// rejects blob holds them all) and its rejected rows in line order; <c>has_more</c>: ask again with
/// <c>starting_after</c> = the last <c>line</c>.
/// </summary>
/// <param name="Name">The file's path inside the usage container, as asked for.</param>
public sealed record UploadRejectsPage(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("summary")] FileIngestionReport Summary,
    [property: JsonPropertyName("data")] IReadOnlyList<RejectedRow> Data,
    [property: JsonPropertyName("has_more")] bool HasMore);

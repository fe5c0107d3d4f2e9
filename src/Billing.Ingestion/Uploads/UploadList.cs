using System.Text.Json.Serialization;

namespace Billing.Ingestion.Uploads;

/// <summary>A page of <c>GET /api/uploads</c>, in name order; <c>has_more</c>: ask again with <c>starting_after</c> = the last <c>name</c>.</summary>
public sealed record UploadList(
    [property: JsonPropertyName("data")] IReadOnlyList<UploadView> Data,
    [property: JsonPropertyName("has_more")] bool HasMore);

using System.Text.Json.Serialization;

namespace Billing.Ingestion.UsageFiles;

/// <summary>Source-generated JSON for what ingestion writes: a usage file's summary and its rejected rows.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(FileIngestionReport))]
[JsonSerializable(typeof(Uploads.RejectedRow))]
internal sealed partial class IngestionJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Billing.Ingestion.UsageFiles;

/// <summary>Source-generated JSON for what ingestion writes: a usage file's summary.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(FileIngestionReport))]
internal sealed partial class IngestionJson : JsonSerializerContext;

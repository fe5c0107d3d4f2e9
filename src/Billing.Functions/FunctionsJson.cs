using System.Text.Json.Serialization;
using Billing.Functions.Ingestion;

namespace Billing.Functions;

/// <summary>Source-generated JSON for the app's own documents.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(FileIngestionReport))]
internal sealed partial class FunctionsJson : JsonSerializerContext;

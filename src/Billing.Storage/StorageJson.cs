using System.Text.Json.Serialization;
using Billing.Storage.Usage;

namespace Billing.Storage;

/// <summary>Source-generated JSON for what Billing.Storage writes into entities.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredAggregate[]))]
internal sealed partial class StorageJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Billing.Storage.Outbound;

/// <summary>Source-generated JSON for the columns of the outbound tables.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<StoredAttempt>))]
internal sealed partial class OutboundJson : JsonSerializerContext;

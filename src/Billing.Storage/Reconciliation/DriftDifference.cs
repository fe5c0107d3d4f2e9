using System.Text.Json.Serialization;

namespace Billing.Storage.Reconciliation;

/// <summary>One field on which our invoice and Stripe's disagree: <c>total</c>, <c>lines</c>, <c>status</c> or <c>stripe_invoice</c>.</summary>
public sealed record DriftDifference(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("ours")] string Ours,
    [property: JsonPropertyName("stripe")] string Stripe);

[JsonSerializable(typeof(IReadOnlyList<DriftDifference>))]
internal sealed partial class DriftJson : JsonSerializerContext;

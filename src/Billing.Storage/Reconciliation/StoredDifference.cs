using System.Text.Json.Serialization;
using Billing.Domain.Reconciliation;

namespace Billing.Storage.Reconciliation;

/// <summary>A <see cref="DriftDifference"/> as stored in a drift row's <c>Differences</c> column (JSON).</summary>
internal sealed record StoredDifference(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("ours")] string Ours,
    [property: JsonPropertyName("stripe")] string Stripe)
{
    public static StoredDifference From(DriftDifference difference) => new(difference.Field, difference.Ours, difference.Stripe);

    public DriftDifference ToDifference() => new(Field, Ours, Stripe);
}

[JsonSerializable(typeof(IReadOnlyList<StoredDifference>))]
internal sealed partial class DriftJson : JsonSerializerContext;

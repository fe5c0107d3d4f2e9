using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Domain.Meters;

namespace Billing.Storage.Usage;

/// <summary>
/// One meter's aggregate as stored in the head entity's <c>Aggregates</c> JSON. Table Storage has
/// no decimal type, so decimals travel as invariant strings; unique_count keeps only its count
/// here (the distinct values are keys of the partition, see <see cref="KeySpace.DistinctRaw"/>).
/// </summary>
internal sealed record StoredAggregate(
    [property: JsonPropertyName("meter")] string MeterId,
    [property: JsonPropertyName("formula")] AggregationFormula Formula,
    [property: JsonPropertyName("events")] long EventCount,
    [property: JsonPropertyName("sum")] string Sum,
    [property: JsonPropertyName("max")] string? Max,
    [property: JsonPropertyName("last_ts")] long? LastTimestampTicks,
    [property: JsonPropertyName("last")] string Last,
    [property: JsonPropertyName("distinct")] long DistinctCount)
{
    public static StoredAggregate From(string meterId, MeterAggregate aggregate) => new(
        meterId,
        aggregate.Formula,
        aggregate.EventCount,
        Format(aggregate.Sum),
        aggregate.Max is { } max ? Format(max) : null,
        aggregate.LastTimestamp?.UtcTicks,
        Format(aggregate.LastValue),
        aggregate.DistinctCount);

    /// <summary>The aggregated quantity, readable without the chunks.</summary>
    public decimal Quantity => FormulaRules.Of(Formula).Quantity(
        new AggregateFields(EventCount, Parse(Sum), Max is null ? null : Parse(Max), Parse(Last), DistinctCount));

    public MeterAggregate Restore() => MeterAggregate.Restore(
        Formula,
        EventCount,
        Parse(Sum),
        Max is null ? null : Parse(Max),
        LastTimestampTicks is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
        Parse(Last),
        DistinctCount);

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Parse(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Billing.Domain.Meters;

namespace Billing.Storage.Usage;

/// <summary>
/// The head's days (<see cref="DayAggregates"/> per meter) as compact UTF-8 JSON in binary
/// properties <c>Y0</c>, <c>Y1</c>, … (64 KiB each, a year of many meters may need several):
/// <c>{"meter": {"f": "Sum", "d": [[day, events, value, last ticks], …]}, …}</c>, where day is
/// <see cref="DateOnly.DayNumber"/> and value is the formula's field as an invariant string (sum:
/// the sum; max: the max; last: the value, with its timestamp's ticks; unique_count: the count of
/// values first counted that day; count: none). A head written before days has no <c>Y0</c>.
/// </summary>
internal static class StoredDays
{
    private const string Prefix = "Y";

    public static void Write(TableEntity head, IEnumerable<(string MeterId, AggregationFormula Formula, IEnumerable<KeyValuePair<int, MeterAggregate>> Days)> meters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (meterId, formula, days) in meters)
            {
                writer.WriteStartObject(meterId);
                writer.WriteString("f", formula.ToString());
                writer.WriteStartArray("d");
                foreach (var (day, aggregate) in days.OrderBy(d => d.Key))
                {
                    WriteDay(writer, day, aggregate);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        BinaryColumns.Write(head, Column, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Per meter its days; empty for a head written before days were kept.</summary>
    public static Dictionary<string, DayAggregates> Read(TableEntity head)
    {
        var meters = new Dictionary<string, DayAggregates>(StringComparer.Ordinal);
        var json = BinaryColumns.Read(head, Column);
        if (json.Length == 0)
        {
            return meters;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var meter in document.RootElement.EnumerateObject())
        {
            var formula = Enum.Parse<AggregationFormula>(meter.Value.GetProperty("f").GetString()!);
            var days = new DayAggregates(formula);
            foreach (var day in meter.Value.GetProperty("d").EnumerateArray())
            {
                days.Set(day[0].GetInt32(), ReadDay(formula, day));
            }

            meters[meter.Name] = days;
        }

        return meters;
    }

    private static void WriteDay(Utf8JsonWriter writer, int day, MeterAggregate aggregate)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(day);
        writer.WriteNumberValue(aggregate.EventCount);
        switch (aggregate.Formula)
        {
            case AggregationFormula.Sum:
                writer.WriteStringValue(Format(aggregate.Sum));
                break;
            case AggregationFormula.Max:
                writer.WriteStringValue(Format(aggregate.Max ?? 0m));
                break;
            case AggregationFormula.Last:
                writer.WriteStringValue(Format(aggregate.LastValue));
                writer.WriteNumberValue(aggregate.LastTimestamp?.UtcTicks ?? 0);
                break;
            case AggregationFormula.UniqueCount:
                writer.WriteNumberValue(aggregate.DistinctCount);
                break;
            case AggregationFormula.Count:
                break;
            default:
                throw new InvalidOperationException($"Unknown formula {aggregate.Formula}.");
        }

        writer.WriteEndArray();
    }

    private static MeterAggregate ReadDay(AggregationFormula formula, JsonElement day)
    {
        var events = day[1].GetInt64();
        return formula switch
        {
            AggregationFormula.Sum => MeterAggregate.Restore(formula, events, Parse(day[2]), null, null, 0m, 0),
            AggregationFormula.Max => MeterAggregate.Restore(formula, events, 0m, events > 0 ? Parse(day[2]) : null, null, 0m, 0),
            AggregationFormula.Last => MeterAggregate.Restore(
                formula, events, 0m, null, events > 0 ? new DateTimeOffset(day[3].GetInt64(), TimeSpan.Zero) : null, Parse(day[2]), 0),
            AggregationFormula.UniqueCount => MeterAggregate.Restore(formula, events, 0m, null, null, 0m, day[2].GetInt64()),
            AggregationFormula.Count => MeterAggregate.Restore(formula, events, 0m, null, null, 0m, 0),
            _ => throw new InvalidOperationException($"Unknown formula {formula}."),
        };
    }

    private static string Column(int part) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{part}");

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Parse(JsonElement value) => decimal.Parse(value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
}

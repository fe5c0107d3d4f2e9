using System.Text.Json.Serialization;

namespace Billing.Storage.Reconciliation;

/// <summary>A line an invoice left out, as stored: its price, meter (null for seats), period (Unix seconds), quantity and why.</summary>
/// <param name="Quantity">Written as a JSON string (Table Storage has no decimal type, and JSON numbers would pass through double in other readers).</param>
/// <param name="Reason">The stable reason code (<c>amount_out_of_range</c>).</param>
public sealed record IncidentLine(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("meter")] string? Meter,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd,
    [property: JsonPropertyName("quantity"), JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] decimal Quantity,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message);

[JsonSerializable(typeof(IReadOnlyList<IncidentLine>))]
internal sealed partial class IncidentJson : JsonSerializerContext;

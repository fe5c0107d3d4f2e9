using System.Text.Json.Serialization;
using Billing.Domain.Reconciliation;

namespace Billing.Storage.Reconciliation;

/// <summary>An <see cref="IncidentLine"/> as stored in an incident row's <c>Lines</c> column (JSON).</summary>
/// <param name="Quantity">Written as a JSON string (Table Storage has no decimal type, and JSON numbers would pass through double in other readers).</param>
internal sealed record StoredIncidentLine(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("meter")] string? Meter,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd,
    [property: JsonPropertyName("quantity"), JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] decimal Quantity,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message)
{
    public static StoredIncidentLine From(IncidentLine line) =>
        new(line.Price, line.Meter, line.PeriodStart, line.PeriodEnd, line.Quantity, line.Reason, line.Message);

    public IncidentLine ToLine() => new(Price, Meter, PeriodStart, PeriodEnd, Quantity, Reason, Message);
}

[JsonSerializable(typeof(IReadOnlyList<StoredIncidentLine>))]
internal sealed partial class IncidentJson : JsonSerializerContext;

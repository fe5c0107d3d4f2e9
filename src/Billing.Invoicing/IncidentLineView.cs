using System.Text.Json.Serialization;

namespace Billing.Invoicing;

/// <summary>A line an invoice left out: its price, meter (null for seats), period, quantity, reason code and why.</summary>
/// <param name="Quantity">The quantity that could not be priced: the period's raw usage (or the seats).</param>
/// <param name="Reason"><c>amount_out_of_range</c>: the price is beyond the line bound (docs/contracts.md §5).</param>
public sealed record IncidentLineView(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("meter")] string? Meter,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd,
    [property: JsonPropertyName("quantity")] decimal Quantity,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message);

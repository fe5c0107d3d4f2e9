using System.Text.Json.Serialization;

namespace Billing.Storage.Invoices;

/// <summary>
/// One stored invoice line. Amounts in minor units, times in Unix seconds.
/// </summary>
/// <param name="Meter">Null for seats.</param>
/// <param name="Quantity">Raw usage (or seats) covered by this invoice.</param>
/// <param name="CumulativeQuantity">What the ledger holds for this price and period once the invoice is issued.</param>
/// <param name="CumulativeAmount">Likewise, the amount billed to date.</param>
public sealed record InvoiceLineRecord(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("meter")] string? Meter,
    [property: JsonPropertyName("quantity")] decimal Quantity,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd,
    [property: JsonPropertyName("cumulative_quantity")] decimal CumulativeQuantity,
    [property: JsonPropertyName("cumulative_amount")] long CumulativeAmount);

[JsonSerializable(typeof(IReadOnlyList<InvoiceLineRecord>))]
internal sealed partial class InvoiceLineJson : JsonSerializerContext;

using System.Text.Json.Serialization;
using Billing.Domain.Invoicing;

namespace Billing.Storage.Invoices;

/// <summary>A <see cref="BilledLine"/> as stored in an invoice row's <c>Lines</c> column (JSON).</summary>
internal sealed record StoredInvoiceLine(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("meter")] string? Meter,
    [property: JsonPropertyName("quantity")] decimal Quantity,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd,
    [property: JsonPropertyName("cumulative_quantity")] decimal CumulativeQuantity,
    [property: JsonPropertyName("cumulative_amount")] long CumulativeAmount)
{
    public static StoredInvoiceLine From(BilledLine line) =>
        new(line.Price, line.Meter, line.Quantity, line.Amount, line.PeriodStart, line.PeriodEnd, line.CumulativeQuantity, line.CumulativeAmount);

    public BilledLine ToLine() => new(Price, Meter, Quantity, Amount, PeriodStart, PeriodEnd, CumulativeQuantity, CumulativeAmount);
}

[JsonSerializable(typeof(IReadOnlyList<StoredInvoiceLine>))]
internal sealed partial class InvoiceLineJson : JsonSerializerContext;

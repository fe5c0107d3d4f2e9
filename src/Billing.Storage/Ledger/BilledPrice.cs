using System.Text.Json.Serialization;

namespace Billing.Storage.Ledger;

/// <summary>
/// One price of a ledger row, as stored (JSON in the row's <c>Prices</c> column): the raw quantity
/// and the amount in minor units that invoices have billed of it so far.
/// </summary>
/// <param name="Quantity">Written as a JSON string (Table Storage has no decimal type, and JSON numbers would pass through double in other readers).</param>
internal sealed record BilledPrice(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("quantity"), JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] decimal Quantity,
    [property: JsonPropertyName("amount")] long Amount);

[JsonSerializable(typeof(BilledPrice[]))]
internal sealed partial class LedgerJson : JsonSerializerContext;

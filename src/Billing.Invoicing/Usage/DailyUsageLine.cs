using System.Text.Json.Serialization;

namespace Billing.Invoicing.Usage;

/// <summary>One UTC day of a meter's daily series (docs/contracts.md §2, "Daily series").</summary>
/// <param name="Date">The UTC date, <c>yyyy-MM-dd</c>.</param>
/// <param name="Events">Events whose timestamp falls on the day.</param>
/// <param name="Quantity">The day's raw quantity; null on a day without events of a max or last meter.</param>
/// <param name="Amount">The increase of the meter's cumulative amount over the day (minor units, may be negative); null beyond the line bound.</param>
public sealed record DailyUsageLine(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("quantity")] decimal? Quantity,
    [property: JsonPropertyName("amount")] long? Amount);

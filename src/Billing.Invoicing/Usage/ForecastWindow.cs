using System.Text.Json.Serialization;

namespace Billing.Invoicing.Usage;

/// <summary>The stretch of the business clock the forecast's rate is measured over: <c>[start, end)</c>, <c>end</c> being now.</summary>
/// <param name="Days">Its length in days, to 4 decimal places.</param>
public sealed record ForecastWindow(
    [property: JsonPropertyName("start")] long Start,
    [property: JsonPropertyName("end")] long End,
    [property: JsonPropertyName("days")] decimal Days);

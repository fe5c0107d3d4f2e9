using System.Text.Json.Serialization;

namespace Billing.Invoicing.Usage;

/// <summary>
/// The current period's spend at the recent rate (docs/contracts.md §2, "Forecast"): amounts in
/// minor units, times in Unix seconds.
/// </summary>
/// <param name="RatePerDay">Minor units a day over <paramref name="Window"/>, to 2 decimal places (negative when the amount fell).</param>
/// <param name="ProjectedAmount">The usage amount at the period's end at that rate, rounded half away from zero.</param>
/// <param name="ThresholdAt">When the unbilled eligible usage reaches <c>amount_gte</c> at the rate of the eligible lines; null when it cannot be estimated.</param>
/// <param name="SpendCapAt">When the amount reaches the subscription's spend cap; null without a cap, or when it cannot be estimated.</param>
public sealed record UsageForecast(
    [property: JsonPropertyName("rate_per_day")] decimal RatePerDay,
    [property: JsonPropertyName("window")] ForecastWindow Window,
    [property: JsonPropertyName("projected_amount")] long ProjectedAmount,
    [property: JsonPropertyName("threshold_at")] long? ThresholdAt,
    [property: JsonPropertyName("spend_cap_at")] long? SpendCapAt);

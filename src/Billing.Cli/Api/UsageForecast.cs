namespace Billing.Cli.Api;

/// <summary>The current period's forecast (docs/contracts.md §2, "Forecast"): minor units, Unix seconds.</summary>
internal sealed record UsageForecast(decimal RatePerDay, ForecastWindow Window, long ProjectedAmount, long? ThresholdAt, long? SpendCapAt);

namespace Billing.Invoicing.Dashboard;

/// <summary>A subscription's forecast for the current period (#12 item 4), as the dashboard shows it.</summary>
/// <param name="RatePerDay">Recent spend per day, minor units (fractional).</param>
/// <param name="ProjectedAmount">The amount expected at period end, minor units.</param>
/// <param name="ThresholdAt">When the threshold is expected to be reached (business clock), or null.</param>
/// <param name="SpendCapAt">When the cap is expected to be reached, or null (no cap, or not this period).</param>
public sealed record ForecastView(decimal RatePerDay, long ProjectedAmount, DateTimeOffset? ThresholdAt, DateTimeOffset? SpendCapAt);

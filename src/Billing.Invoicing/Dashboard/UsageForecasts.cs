using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>The dashboard's forecast: the usage API's own <c>forecast</c> of the current period (docs/contracts.md §2).</summary>
public sealed class UsageForecasts : IDashboardForecasts
{
    public Task<ForecastView?> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return Task.FromResult(usage.Forecast is { } forecast
            ? new ForecastView(forecast.RatePerDay, forecast.ProjectedAmount, At(forecast.ThresholdAt), At(forecast.SpendCapAt))
            : null);
    }

    private static DateTimeOffset? At(long? unixSeconds) => unixSeconds is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}

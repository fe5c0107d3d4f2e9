using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// The projection of a subscription's current period, as the dashboard shows it
/// (<see cref="UsageForecasts"/>: the usage API's forecast); none, and the pages say "no forecast",
/// when it cannot be estimated.
/// </summary>
public interface IDashboardForecasts
{
    /// <returns>Null when there is no forecast (too little usage, or none computed).</returns>
    Task<ForecastView?> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken);
}

using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// Seam to forecasts (#12 item 4, built elsewhere): the projection of a subscription's current
/// period. Until it is wired, <see cref="NoDashboardForecasts"/> answers none and the pages say "no forecast".
/// </summary>
public interface IDashboardForecasts
{
    /// <returns>Null when there is no forecast (too little usage, or none computed).</returns>
    Task<ForecastView?> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken);
}

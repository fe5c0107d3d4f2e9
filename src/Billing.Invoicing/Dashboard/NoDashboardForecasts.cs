using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>No forecasts: the stand-in until #12 item 4 is wired in (replace the registration).</summary>
public sealed class NoDashboardForecasts : IDashboardForecasts
{
    public Task<ForecastView?> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken) => Task.FromResult<ForecastView?>(null);
}

using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// The daily series of the subscription's current period, per meter and UTC day: quantity and
/// amount (<see cref="UsageDailySpend"/>: the usage API's series); with no day of usage, the chart
/// says there is no series yet.
/// </summary>
public interface IDashboardDailySpend
{
    /// <returns>The days with usage, any order; empty when there are none.</returns>
    Task<IReadOnlyList<DailySpendView>> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken);
}

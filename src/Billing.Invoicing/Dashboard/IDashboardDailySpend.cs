using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// Seam to the daily series (#12 item 6, built elsewhere): per meter and UTC day of the
/// subscription's current period, quantity and amount. Until it is wired,
/// <see cref="NoDashboardDailySpend"/> answers nothing and the chart says there is no series yet.
/// </summary>
public interface IDashboardDailySpend
{
    /// <returns>The days with usage, any order; empty when there are none.</returns>
    Task<IReadOnlyList<DailySpendView>> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken);
}

using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// The cap state of a subscription whose usage the dashboard shows (<see cref="DashboardSpendCaps"/>;
/// tests put a stand-in here). A subscription without a cap shows "no cap".
/// </summary>
public interface IDashboardSpendCaps
{
    /// <returns>Null when the subscription has no cap.</returns>
    Task<SpendCapView?> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken);
}

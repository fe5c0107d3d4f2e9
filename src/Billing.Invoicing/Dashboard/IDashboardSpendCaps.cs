using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// Seam to spend caps (#12 item 3, built elsewhere): the cap state of a subscription whose usage the
/// dashboard shows. Until it is wired, <see cref="NoDashboardSpendCaps"/> answers none and the
/// pages say "no cap".
/// </summary>
public interface IDashboardSpendCaps
{
    /// <returns>Null when the subscription has no cap.</returns>
    Task<SpendCapView?> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken);
}

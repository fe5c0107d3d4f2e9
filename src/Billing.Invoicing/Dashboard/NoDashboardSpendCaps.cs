using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>No spend caps: the stand-in until #12 item 3 is wired in (replace the registration).</summary>
public sealed class NoDashboardSpendCaps : IDashboardSpendCaps
{
    public Task<SpendCapView?> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken) => Task.FromResult<SpendCapView?>(null);
}

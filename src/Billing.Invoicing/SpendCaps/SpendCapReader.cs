using Billing.Domain.Ports;
using Billing.Domain.SpendCaps;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Invoicing.SpendCaps;

/// <summary>A subscription's current period (business clock) against its spend cap: one usage read, the cap from <see cref="ISpendCaps"/>.</summary>
public sealed class SpendCapReader(IUsageLedger usage, ISpendCaps caps, TimeProvider time)
{
    /// <returns>The status of the current period; of the first period when the subscription has not started yet.</returns>
    public async Task<SpendCapStatus> CurrentAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var period = subscription.Schedule.PeriodAt(Math.Max(0, subscription.Schedule.IndexOf(time.GetUtcNow())));
        var snapshot = await usage.ReadAsync(new UsagePartition(subscription.Id, period), cancellationToken).ConfigureAwait(false);
        var cap = await caps.CapOfAsync(subscription, cancellationToken).ConfigureAwait(false);
        return SpendCapStatus.Of(subscription, period, snapshot, cap);
    }
}

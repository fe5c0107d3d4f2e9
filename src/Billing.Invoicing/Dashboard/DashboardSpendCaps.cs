using Billing.Domain.Catalog;
using Billing.Domain.Ports;
using Billing.Invoicing.SpendCaps;
using Billing.Invoicing.Usage;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// The cap state of a subscription's current period (docs/contracts.md §9), as <c>PUT …/spend_cap</c>
/// and the entitlements answer it: the period's amount against the cap in force, through
/// <see cref="SpendCapReader"/>. A subscription without a cap costs no usage read.
/// </summary>
public sealed class DashboardSpendCaps(BillingCatalog catalog, ISpendCaps caps, SpendCapReader reader) : IDashboardSpendCaps
{
    public async Task<SpendCapView?> ReadAsync(SubscriptionUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (catalog.FindSubscription(usage.Subscription) is not { } subscription
            || await caps.CapOfAsync(subscription, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        // The reader asks for the cap again (from the same short cache) with the period's usage, so amount, cap and state agree.
        var status = await reader.CurrentAsync(subscription, cancellationToken).ConfigureAwait(false);
        return status.SpendCap is { } cap ? new SpendCapView(status.AmountMinor, cap, status.State) : null;
    }
}

using Billing.Domain.Catalog;
using Billing.Domain.Ports;

namespace Billing.Invoicing.SpendCaps;

/// <summary>
/// <c>PUT /api/subscriptions/{id}/spend_cap</c>: sets the subscription's cap (minor units, 0 or
/// more), or none (null), over the catalog's; answers the current period against it.
/// </summary>
public sealed class SetSpendCapHandler(BillingCatalog catalog, ISpendCaps caps, SpendCapReader reader)
{
    /// <param name="amount">The cap, minor units (0 or more), validated at the HTTP edge; null removes the cap.</param>
    /// <returns>null when the catalog has no such subscription (nothing is written).</returns>
    public async Task<SpendCapView?> HandleAsync(string subscriptionId, long? amount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        if (catalog.FindSubscription(subscriptionId) is not { } subscription)
        {
            return null;
        }

        await caps.SetAsync(subscription.Id, amount, cancellationToken).ConfigureAwait(false);
        return SpendCapView.From(await reader.CurrentAsync(subscription, cancellationToken).ConfigureAwait(false));
    }
}

using Billing.Domain.Subscriptions;

namespace Billing.Domain.Ports;

/// <summary>
/// The spend cap in force for a subscription: the catalog's <c>spend_cap.amount</c>, unless
/// <c>PUT /api/subscriptions/{id}/spend_cap</c> set one (or none) at run time, which wins.
/// </summary>
public interface ISpendCaps
{
    /// <summary>The cap in force, minor units; null when the subscription has none.</summary>
    /// <remarks>May answer from a cache of a few seconds (docs/contracts.md §9): a change made by another instance is seen within it.</remarks>
    ValueTask<long?> CapOfAsync(Subscription subscription, CancellationToken cancellationToken);

    /// <summary>Overrides the catalog's cap: <paramref name="amount"/> minor units (0 or more), or no cap at all (null).</summary>
    Task SetAsync(string subscriptionId, long? amount, CancellationToken cancellationToken);
}

using Billing.Domain.Periods;
using Billing.Domain.Subscriptions;
using Billing.Domain.Usage;

namespace Billing.Domain.SpendCaps;

/// <summary>One subscription period's spend against its cap, as the APIs report it.</summary>
/// <param name="AmountMinor">The period's amount (<see cref="PeriodSpend"/>), minor units.</param>
/// <param name="SpendCap">The cap in force, minor units; null when there is none.</param>
/// <param name="State">One of <see cref="SpendCapState"/>'s codes, from exactly these amount and cap.</param>
public sealed record SpendCapStatus(string SubscriptionId, BillingPeriod Period, long AmountMinor, long? SpendCap, string State)
{
    /// <summary>New work is allowed until the cap is reached (usage past it is still accepted and billed).</summary>
    public bool Allowed => State != SpendCapState.Capped;

    /// <param name="snapshot">The period's aggregates; null when nothing was committed.</param>
    /// <param name="cap">The cap in force (the override, else the catalog's); null for none.</param>
    public static SpendCapStatus Of(Subscription subscription, BillingPeriod period, UsageSnapshot? snapshot, long? cap)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var amount = PeriodSpend.AmountMinor(subscription, snapshot);
        return new SpendCapStatus(subscription.Id, period, amount, cap, SpendCapState.Of(amount, cap));
    }
}

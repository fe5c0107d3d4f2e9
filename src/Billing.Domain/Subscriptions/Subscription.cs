using Billing.Domain.Invoicing;
using Billing.Domain.Monetary;
using Billing.Domain.Periods;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// A subscription: items of one currency and one billing interval, starting at its
/// <see cref="BillingCycleAnchor"/> (no stub period), with a usage threshold in minor units.
/// </summary>
public sealed record Subscription
{
    public Subscription(
        string id,
        string customerId,
        DateTimeOffset billingCycleAnchor,
        IReadOnlyList<SubscriptionItem> items,
        long thresholdAmountGte = ThresholdPolicy.DefaultAmountGte,
        long? spendCapAmount = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(thresholdAmountGte, 1);
        if (spendCapAmount is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spendCapAmount), spendCapAmount, "A spend cap is 0 or more minor units.");
        }
        if (items.Count == 0)
        {
            throw new ArgumentException($"Subscription {id} has no items.", nameof(items));
        }

        var first = items[0].Price;
        foreach (var item in items)
        {
            if (!item.Price.Currency.Equals(first.Currency))
            {
                throw new ArgumentException($"Subscription {id} mixes {first.Currency} and {item.Price.Currency}.", nameof(items));
            }

            if (item.Price.Recurring.Interval != first.Recurring.Interval || item.Price.Recurring.IntervalCount != first.Recurring.IntervalCount)
            {
                throw new ArgumentException($"Subscription {id}: all items must share one billing interval.", nameof(items));
            }
        }

        if (items.GroupBy(i => i.Price.Id).Any(g => g.Count() > 1))
        {
            throw new ArgumentException($"Subscription {id} lists a price twice.", nameof(items));
        }

        Id = id;
        CustomerId = customerId;
        Items = items.ToArray();
        ThresholdAmountGte = thresholdAmountGte;
        SpendCapAmount = spendCapAmount;
        Schedule = new BillingSchedule(billingCycleAnchor, first.Recurring.Interval, first.Recurring.IntervalCount);
    }

    public string Id { get; }

    public string CustomerId { get; }

    public DateTimeOffset BillingCycleAnchor => Schedule.Anchor;

    public IReadOnlyList<SubscriptionItem> Items { get; }

    /// <summary><c>billing_thresholds.amount_gte</c> in minor units of <see cref="Currency"/>.</summary>
    public long ThresholdAmountGte { get; }

    /// <summary>
    /// The catalog's <c>spend_cap.amount</c> in minor units of <see cref="Currency"/> (0 or more),
    /// null when the catalog sets none. <c>PUT /api/subscriptions/{id}/spend_cap</c> overrides it at run time.
    /// </summary>
    public long? SpendCapAmount { get; }

    public BillingSchedule Schedule { get; }

    public Currency Currency => Items[0].Price.Currency;

    /// <summary>The metered item reading <paramref name="meterId"/>, if any.</summary>
    public SubscriptionItem? ItemForMeter(string meterId) =>
        Items.FirstOrDefault(i => i.Meter is not null && i.Meter.Id == meterId);
}

using Billing.Domain.Invoicing;

namespace Billing.Domain.Catalog;

/// <summary>
/// Reads <c>subscriptions[]</c>. Ids must be unique, customers and prices known, and a customer's
/// usage of a meter must route to exactly one subscription: two subscriptions of one customer
/// with items on the same meter are refused.
/// </summary>
internal static class SubscriptionReader
{
    private static readonly string[] Fields = ["id", "customer", "items", "billing_cycle_anchor", "billing_thresholds", "spend_cap"];
    private static readonly string[] ThresholdFields = ["amount_gte"];
    private static readonly string[] SpendCapFields = ["amount"];

    /// <param name="customerIds">Known customers; null when the customers section could not be read (no check).</param>
    /// <param name="prices">Known prices by id; null when the prices section could not be read (no check).</param>
    /// <param name="defaultThresholdAmountGte">The threshold of a subscription without <c>billing_thresholds</c>.</param>
    public static IReadOnlyList<SubscriptionDraft> ReadAll(
        ObjectReader root,
        IReadOnlySet<string>? customerIds,
        IReadOnlyDictionary<string, PriceDraft>? prices,
        long defaultThresholdAmountGte)
    {
        var ids = new UniqueNames("subscription id", root.Log);
        var routes = new Dictionary<(string CustomerId, string MeterId), ObjectReader>();
        var drafts = new List<SubscriptionDraft>();
        foreach (var subscription in root.Objects("subscriptions", Fields) ?? [])
        {
            if (subscription is null)
            {
                continue;
            }

            var id = subscription.String("id", required: true);
            ids.Claim(id, subscription.PathOf("id"));
            var customerId = subscription.String("customer", required: true);
            if (customerId is not null && customerIds?.Contains(customerId) == false)
            {
                subscription.Error("customer", $"unknown customer '{customerId}'");
            }

            var anchor = TimestampField.Read(subscription, "billing_cycle_anchor");
            var threshold = ReadThreshold(subscription, defaultThresholdAmountGte);
            var spendCap = ReadSpendCap(subscription);
            var items = ItemReader.ReadAll(subscription, prices);
            if (customerId is not null)
            {
                CheckRoutes(subscription, customerId, items, routes);
            }

            drafts.Add(new SubscriptionDraft(id, customerId, anchor, items, threshold, spendCap));
        }

        return drafts;
    }

    private static void CheckRoutes(
        ObjectReader subscription,
        string customerId,
        IReadOnlyList<ItemDraft> items,
        Dictionary<(string CustomerId, string MeterId), ObjectReader> routes)
    {
        foreach (var item in items)
        {
            if (item.MeterId is not { } meterId)
            {
                continue;
            }

            // Two items of one subscription on one meter are fine: the event still has one home.
            if (routes.TryGetValue((customerId, meterId), out var owner) && !ReferenceEquals(owner, subscription))
            {
                subscription.Log.Add(
                    item.PricePath,
                    $"customer '{customerId}' already has an item on meter '{meterId}' in {owner.Path}; a customer's usage of a meter must route to one subscription");
            }
            else
            {
                routes[(customerId, meterId)] = subscription;
            }
        }
    }

    /// <summary><c>billing_thresholds.amount_gte</c> in minor units; <paramref name="defaultAmountGte"/> when not given.</summary>
    private static long ReadThreshold(ObjectReader subscription, long defaultAmountGte)
    {
        var amountGte = subscription.Object("billing_thresholds", ThresholdFields)?.Integer("amount_gte");
        if (amountGte is <= 0)
        {
            subscription.Log.Add(
                JsonPath.Field(subscription.PathOf("billing_thresholds"), "amount_gte"),
                $"must be a positive integer (minor units), got {amountGte}");
        }

        return amountGte is > 0 ? amountGte.Value : defaultAmountGte;
    }

    /// <summary><c>spend_cap.amount</c> in minor units (0 or more); null when the subscription has no cap.</summary>
    private static long? ReadSpendCap(ObjectReader subscription)
    {
        if (subscription.Object("spend_cap", SpendCapFields) is not { } spendCap)
        {
            return null;
        }

        var amount = spendCap.Integer("amount", required: true);
        if (amount is < 0)
        {
            subscription.Log.Add(
                JsonPath.Field(subscription.PathOf("spend_cap"), "amount"),
                $"must be an integer of 0 or more (minor units), got {amount}");
            return null;
        }

        return amount;
    }
}

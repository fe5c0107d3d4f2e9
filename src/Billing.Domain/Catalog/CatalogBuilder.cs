using Billing.Domain.Meters;
using Billing.Domain.Monetary;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Catalog;

/// <summary>
/// Turns drafts into domain objects. Only called when reading recorded no error, which means
/// every field the drafts leave nullable is set and every domain invariant holds; the
/// null-forgiving operators below rely on that. Should a domain constructor still throw, the
/// readers missed a check: that is a bug to fix there, not a condition to handle here.
/// </summary>
internal static class CatalogBuilder
{
    public static BillingCatalog Build(CatalogDraft draft)
    {
        var meters = draft.Meters.Select(BuildMeter).ToArray();
        var metersById = meters.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var prices = draft.Prices.Select(BuildPrice).ToArray();
        var pricesById = prices.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var customers = draft.Customers.Select(c => new Customer(c.Id!, c.Name, c.Email)).ToArray();
        var subscriptions = draft.Subscriptions
            .Select(s => BuildSubscription(s, pricesById, metersById))
            .ToArray();
        return new BillingCatalog(meters, prices, customers, subscriptions);
    }

    private static Meter BuildMeter(MeterDraft m) =>
        new(m.Id!, m.EventName!, m.Formula!.Value, m.CustomerPayloadKey, m.ValuePayloadKey, m.AllowNegative);

    private static Price BuildPrice(PriceDraft p)
    {
        var currency = p.Currency!;
        var recurring = p.Recurring!;
        return new Price(
            p.Id!,
            currency,
            BuildModel(p, currency),
            new Recurring(recurring.Interval!.Value, recurring.IntervalCount!.Value, recurring.UsageType!.Value, recurring.MeterId));
    }

    private static PricingModel BuildModel(PriceDraft p, Currency currency)
    {
        if (p.Scheme == BillingScheme.Tiered)
        {
            var tiers = p.Tiers.Select(t => Tier.Create(t.UpTo, t.UnitAmountMinor, t.FlatAmountMinor, currency)).ToArray();
            return new TieredModel(p.TiersMode!.Value, tiers);
        }

        var transform = p.Transform is { } t ? new TransformQuantity(t.DivideBy!.Value, t.Round!.Value) : null;
        return new PerUnitModel(Money.FromMinorUnits(p.UnitAmountMinor!.Value, currency), transform);
    }

    private static Subscription BuildSubscription(
        SubscriptionDraft s,
        Dictionary<string, Price> pricesById,
        Dictionary<string, Meter> metersById)
    {
        var items = s.Items.Select(item =>
        {
            var price = pricesById[item.PriceId!];
            return price.Recurring.MeterId is { } meterId
                ? new SubscriptionItem(price, meter: metersById[meterId])
                : new SubscriptionItem(price, item.Quantity);
        }).ToArray();
        return new Subscription(s.Id!, s.CustomerId!, s.BillingCycleAnchor!.Value, items, s.ThresholdAmountGte, s.SpendCapAmount);
    }
}

using Billing.Domain.Invoicing;
using Billing.Domain.Meters;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Tests.Builders;

/// <summary>
/// Builds subscriptions for tests: <c>sub_1</c> of <c>cus_A</c>, anchored at
/// <see cref="TestCatalog.Anchor"/>, with the default threshold unless told otherwise.
/// </summary>
internal sealed class SubscriptionBuilder
{
    private readonly List<SubscriptionItem> items = [];
    private string id = "sub_1";
    private string customerId = "cus_A";
    private DateTimeOffset anchor = TestCatalog.Anchor;
    private long thresholdAmountGte = ThresholdPolicy.DefaultAmountGte;

    public SubscriptionBuilder WithId(string value)
    {
        id = value;
        return this;
    }

    public SubscriptionBuilder ForCustomer(string value)
    {
        customerId = value;
        return this;
    }

    public SubscriptionBuilder AnchoredAt(DateTimeOffset value)
    {
        anchor = value;
        return this;
    }

    /// <param name="amountGte">In minor units.</param>
    public SubscriptionBuilder WithThreshold(long amountGte)
    {
        thresholdAmountGte = amountGte;
        return this;
    }

    public SubscriptionBuilder WithSeats(Price price, long quantity)
    {
        items.Add(new SubscriptionItem(price, quantity));
        return this;
    }

    public SubscriptionBuilder WithMetered(Price price, Meter meter)
    {
        items.Add(new SubscriptionItem(price, meter: meter));
        return this;
    }

    /// <summary>A metered item whose meter is made from the price's meter id.</summary>
    public SubscriptionBuilder WithMetered(Price price, AggregationFormula formula = AggregationFormula.Sum, bool allowNegative = false) =>
        WithMetered(price, TestCatalog.Meter(price.Recurring.MeterId!, formula, allowNegative));

    public Subscription Build() => new(id, customerId, anchor, items, thresholdAmountGte);
}

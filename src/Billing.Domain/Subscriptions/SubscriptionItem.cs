using Billing.Domain.Meters;
using Billing.Domain.Pricing;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// One item of a subscription: a licensed price with a seat <see cref="Quantity"/>, or a metered
/// price together with the <see cref="Meter"/> it reads (the quantity is then unused).
/// </summary>
public sealed record SubscriptionItem
{
    public SubscriptionItem(Price price, long quantity = 1, Meter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        if (price.IsMetered != (meter is not null) || (meter is not null && meter.Id != price.Recurring.MeterId))
        {
            throw new ArgumentException($"Item for price {price.Id}: a metered price needs its own meter, a licensed one none.", nameof(meter));
        }

        Price = price;
        Quantity = quantity;
        Meter = meter;
    }

    public Price Price { get; }

    /// <summary>Seats, for licensed prices.</summary>
    public long Quantity { get; }

    public Meter? Meter { get; }

    /// <summary>
    /// True when the line can only grow during a period, so it may be billed early by a threshold
    /// invoice: a monotonic meter priced by a monotonic price.
    /// </summary>
    public bool IsThresholdEligible => Meter is { IsMonotonic: true } && Price.Model.IsMonotonic;
}

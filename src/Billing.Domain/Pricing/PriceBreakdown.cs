using Billing.Domain.Monetary;

namespace Billing.Domain.Pricing;

/// <summary>The price of one quantity: the tier charges that explain it and their total.</summary>
public sealed record PriceBreakdown(decimal Quantity, decimal BilledQuantity, IReadOnlyList<TierCharge> Charges, Currency Currency)
{
    /// <summary>Sum of the tier charges, not yet rounded.</summary>
    public Money Unrounded => Charges.Aggregate(Money.Zero(Currency), (sum, charge) => sum + charge.Amount);

    /// <summary>The total rounded once, half away from zero, in whole minor units.</summary>
    public long AmountMinor => Unrounded.Rounded().ToMinorUnits();
}

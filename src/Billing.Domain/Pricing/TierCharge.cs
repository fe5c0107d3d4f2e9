using Billing.Domain.Monetary;

namespace Billing.Domain.Pricing;

/// <summary>
/// How one tier (or the single per-unit rate) contributes to a price: <see cref="Quantity"/>
/// units at <see cref="UnitAmount"/> plus <see cref="FlatAmount"/>. <see cref="Amount"/> is
/// unrounded; rounding happens once for the whole line.
/// </summary>
/// <param name="TierIndex">Zero-based tier index; 0 for per-unit prices.</param>
/// <param name="Quantity">Units priced in this tier, after <c>transform_quantity</c>.</param>
public sealed record TierCharge(int TierIndex, decimal Quantity, Money UnitAmount, Money FlatAmount)
{
    public Money Amount => (UnitAmount * Quantity) + FlatAmount;
}

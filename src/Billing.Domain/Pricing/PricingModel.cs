namespace Billing.Domain.Pricing;

/// <summary>How a price turns a quantity into money: per unit (optionally packaged) or tiered.</summary>
public abstract record PricingModel
{
    private protected PricingModel()
    {
    }

    /// <summary>
    /// True when the amount can only grow as the quantity grows (per-unit, package, graduated).
    /// Volume prices can fall when the quantity enters a cheaper tier.
    /// </summary>
    public bool IsMonotonic => ChargeModels.IsMonotonic(this);
}

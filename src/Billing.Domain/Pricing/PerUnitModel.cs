using Billing.Domain.Monetary;

namespace Billing.Domain.Pricing;

/// <summary>
/// <c>billing_scheme: per_unit</c>: quantity × <see cref="UnitAmount"/>, after the optional
/// package transform (<c>transform_quantity</c>).
/// </summary>
public sealed record PerUnitModel : PricingModel
{
    public PerUnitModel(Money unitAmount, TransformQuantity? transform = null)
    {
        if (unitAmount.Amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(unitAmount), "A unit amount cannot be negative.");
        }

        UnitAmount = unitAmount;
        Transform = transform;
    }

    public Money UnitAmount { get; }

    public TransformQuantity? Transform { get; }
}

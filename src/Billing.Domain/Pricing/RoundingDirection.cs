namespace Billing.Domain.Pricing;

/// <summary>Stripe's <c>transform_quantity.round</c>.</summary>
public enum RoundingDirection
{
    Up,
    Down,
}

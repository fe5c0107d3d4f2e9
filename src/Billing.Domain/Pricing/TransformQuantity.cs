namespace Billing.Domain.Pricing;

/// <summary>
/// Stripe's <c>transform_quantity</c> (package pricing): the quantity is divided by
/// <see cref="DivideBy"/>, then rounded up or down to a whole number of packages.
/// </summary>
public sealed record TransformQuantity
{
    public TransformQuantity(long divideBy, RoundingDirection round)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(divideBy, 1);
        DivideBy = divideBy;
        Round = round;
    }

    public long DivideBy { get; }

    public RoundingDirection Round { get; }

    public decimal Apply(decimal quantity)
    {
        var packages = quantity / DivideBy;
        return Round == RoundingDirection.Up ? decimal.Ceiling(packages) : decimal.Floor(packages);
    }
}

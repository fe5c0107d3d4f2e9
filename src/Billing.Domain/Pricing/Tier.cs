using Billing.Domain.Monetary;

namespace Billing.Domain.Pricing;

/// <summary>
/// One tier of a tiered price. <see cref="UpTo"/> is inclusive (Stripe's <c>up_to</c>); null marks
/// the one open-ended last tier. Amounts are per unit and per period respectively.
/// </summary>
public sealed record Tier(decimal? UpTo, Money UnitAmount, Money FlatAmount)
{
    public bool IsOpenEnded => UpTo is null;

    public static Tier Create(decimal? upTo, decimal unitAmountMinor, decimal flatAmountMinor, Currency currency) =>
        new(upTo, Money.FromMinorUnits(unitAmountMinor, currency), Money.FromMinorUnits(flatAmountMinor, currency));
}

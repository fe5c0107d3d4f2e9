using Billing.Domain.Monetary;

namespace Billing.Domain.Pricing;

/// <summary>
/// The charge models as pure functions from a quantity to explanatory tier charges, following
/// Stripe: tier i covers the quantity above tier i−1's <c>up_to</c> up to and including its own.
/// A tier's flat amount is charged once when the tier is reached; the first tier is always
/// reached, so a zero quantity still pays it (a base fee).
/// </summary>
public static class ChargeModels
{
    // Each charge model once: how it prices, and whether its amount only grows with the quantity
    // (threshold eligibility). Volume can fall when the quantity enters a cheaper tier.
    private static readonly ChargeModel PerUnitCharge = new(IsMonotonic: true, (m, q, c) => PerUnit((PerUnitModel)m, q, c));
    private static readonly ChargeModel GraduatedCharge = new(IsMonotonic: true, (m, q, c) => Graduated((TieredModel)m, q, c));
    private static readonly ChargeModel VolumeCharge = new(IsMonotonic: false, (m, q, c) => Volume((TieredModel)m, q, c));

    public static PriceBreakdown Price(PricingModel model, decimal quantity, Currency currency) => Of(model).Price(model, quantity, currency);

    /// <summary>True when the amount can only grow as the quantity grows (per-unit, graduated); see <see cref="PricingModel.IsMonotonic"/>.</summary>
    public static bool IsMonotonic(PricingModel model) => Of(model).IsMonotonic;

    private static ChargeModel Of(PricingModel model) => model switch
    {
        PerUnitModel => PerUnitCharge,
        TieredModel { Mode: TiersMode.Graduated } => GraduatedCharge,
        TieredModel { Mode: TiersMode.Volume } => VolumeCharge,
        _ => throw new InvalidOperationException($"Unknown pricing model {model.GetType().Name}."),
    };

    private static PriceBreakdown PerUnit(PerUnitModel model, decimal quantity, Currency currency)
    {
        var billed = model.Transform?.Apply(quantity) ?? quantity;
        TierCharge[] charges = [new(0, billed, model.UnitAmount, Money.Zero(currency))];
        return new PriceBreakdown(quantity, billed, charges, currency);
    }

    private static PriceBreakdown Graduated(TieredModel model, decimal quantity, Currency currency)
    {
        var charges = new List<TierCharge>(model.Tiers.Count);
        var lower = 0m;
        for (var i = 0; i < model.Tiers.Count; i++)
        {
            var tier = model.Tiers[i];
            var reached = i == 0 || quantity > lower;
            if (!reached)
            {
                break;
            }

            // Units in (lower, up_to]. A negative quantity (meters that allow negatives) stays in the
            // first tier rather than vanishing.
            var units = tier.UpTo is { } upTo ? Math.Min(quantity, upTo) - lower : quantity - lower;
            if (i > 0 && units < 0)
            {
                units = 0;
            }

            charges.Add(new TierCharge(i, units, tier.UnitAmount, tier.FlatAmount));
            lower = tier.UpTo ?? lower;
        }

        return new PriceBreakdown(quantity, quantity, charges, currency);
    }

    private static PriceBreakdown Volume(TieredModel model, decimal quantity, Currency currency)
    {
        var index = 0;
        while (model.Tiers[index].UpTo is { } upTo && quantity > upTo)
        {
            index++;
        }

        var tier = model.Tiers[index];
        TierCharge[] charges = [new(index, quantity, tier.UnitAmount, tier.FlatAmount)];
        return new PriceBreakdown(quantity, quantity, charges, currency);
    }
}

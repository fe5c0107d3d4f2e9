using Billing.Domain.Pricing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Pricing;

/// <summary>
/// docs/contracts.md §5: per-unit, package and graduated prices never fall as the quantity grows (so they
/// may take part in threshold invoices); a volume price is the rule of the one tier the total falls in.
/// </summary>
public sealed class PricingPropertyTests
{
    [Property(Arbitrary = [typeof(PricingCases)], MaxTest = 300)]
    public bool PriceOf_GraduatedLargerQuantity_NeverCostsLess(TierCase c)
    {
        var price = Prices.Tiered(TiersMode.Graduated, c.Tiers);
        return NeverFalls(price, c.Smaller, c.Larger);
    }

    [Property(Arbitrary = [typeof(PricingCases)], MaxTest = 300)]
    public bool PriceOf_PerUnitAndPackageLargerQuantity_NeverCostsLess(TierCase c)
    {
        var unitMinor = c.Tiers[0].UnitMinor;
        return NeverFalls(Prices.PerUnit(unitMinor), c.Smaller, c.Larger)
            && NeverFalls(Prices.Package(unitMinor, 7, RoundingDirection.Up), c.Smaller, c.Larger)
            && NeverFalls(Prices.Package(unitMinor, 7, RoundingDirection.Down), c.Smaller, c.Larger);
    }

    [Property(Arbitrary = [typeof(PricingCases)], MaxTest = 300)]
    public bool PriceOf_Volume_IsTheRuleOfTheTierTheQuantityFallsIn(TierCase c)
    {
        var quantity = c.Larger;
        var tier = c.Tiers.First(t => t.UpTo is null || quantity <= t.UpTo);

        var breakdown = Prices.Tiered(TiersMode.Volume, c.Tiers).PriceOf(quantity);

        // In cents: every unit at the tier's rate plus the tier's flat amount, rounded once.
        var expectedCents = (quantity * tier.UnitMinor) + tier.FlatMinor;
        return breakdown.Unrounded.Amount * 100m == expectedCents
            && breakdown.AmountMinor == (long)Math.Round(expectedCents, MidpointRounding.AwayFromZero);
    }

    private static bool NeverFalls(Price price, decimal smaller, decimal larger) =>
        price.PriceOf(smaller).Unrounded.Amount <= price.PriceOf(larger).Unrounded.Amount
        && price.PriceOf(smaller).AmountMinor <= price.PriceOf(larger).AmountMinor;

    public sealed record TierCase((decimal? UpTo, decimal UnitMinor, decimal FlatMinor)[] Tiers, decimal Smaller, decimal Larger)
    {
        public override string ToString() =>
            $"tiers [{string.Join(", ", Tiers.Select(t => $"({t.UpTo?.ToString() ?? "inf"}, {t.UnitMinor}, {t.FlatMinor})"))}], quantities {Smaller} <= {Larger}";
    }

    public static class PricingCases
    {
        // 1-5 tiers with integer or fractional up_to, sub-cent unit amounts and flat amounts;
        // quantities up to 10,000 with two decimals, often right at a tier boundary.
        public static Arbitrary<TierCase> Cases() =>
            (from count in Gen.Choose(1, 5)
             from widths in Gen.ArrayOf(Gen.Choose(1, 2_000), count - 1)
             from halves in Gen.ArrayOf(Gen.Elements(0m, 0.5m), count - 1)
             from units in Gen.ArrayOf(Gen.Choose(0, 1_000_000), count)
             from flats in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(0, 10_000))), count)
             from a in Quantity(widths)
             from b in Quantity(widths)
             let tiers = Build(widths, halves, units, flats)
             select new TierCase(tiers, Math.Min(a, b), Math.Max(a, b)))
            .ToArbitrary();

        private static Gen<decimal> Quantity(int[] widths) =>
            Gen.Frequency(
                (2, from whole in Gen.Choose(0, 10_000) from cents in Gen.Choose(0, 99) select whole + (cents / 100m)),
                (1, Gen.Elements(Boundaries(widths))));

        private static decimal[] Boundaries(int[] widths)
        {
            var bounds = new List<decimal> { 0m };
            var upTo = 0m;
            foreach (var width in widths)
            {
                upTo += width;
                bounds.AddRange([upTo, upTo + 1m, upTo + 0.01m]);
            }

            return [.. bounds];
        }

        private static (decimal?, decimal, decimal)[] Build(int[] widths, decimal[] halves, int[] units, int[] flats)
        {
            var tiers = new (decimal?, decimal, decimal)[units.Length];
            var upTo = 0m;
            for (var i = 0; i < units.Length; i++)
            {
                decimal? bound = null;
                if (i < widths.Length)
                {
                    upTo += widths[i];
                    bound = upTo + halves[i];
                }

                // unit_amount_decimal with four decimals (0 to 100 cents); flat amounts in whole cents.
                tiers[i] = (bound, units[i] / 10_000m, flats[i]);
            }

            return tiers;
        }
    }
}

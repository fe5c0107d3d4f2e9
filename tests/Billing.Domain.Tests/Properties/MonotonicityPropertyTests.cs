using Billing.Domain.Monetary;
using Billing.Domain.Pricing;
using Billing.Domain.Tests.Builders;
using Billing.Domain.Tests.Properties.Generators;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// Per-unit, package and graduated prices never decrease as the quantity grows (which is what lets
/// them on threshold invoices). Volume prices can fall (docs/contracts.md §5), so for them the
/// property is the tier rule instead.
/// </summary>
public sealed class MonotonicityPropertyTests
{
    [Property(MaxTest = 500, Arbitrary = [typeof(PropertyArbitraries)])]
    public void PriceOf_MonotonicModelAndGrowingQuantity_NeverDecreases(PricedQuantities c)
    {
        Assert.True(c.Price.Model.IsMonotonic);
        var lower = c.Price.PriceOf(c.Lower);
        var upper = c.Price.PriceOf(c.Upper);

        Assert.True(lower.Unrounded.Amount <= upper.Unrounded.Amount, $"{lower.Unrounded} > {upper.Unrounded}");
        Assert.True(lower.AmountMinor <= upper.AmountMinor, $"{lower.AmountMinor} > {upper.AmountMinor}");
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(PropertyArbitraries)])]
    public void PriceOf_Volume_EqualsRuleOfTierQuantityFallsIn(VolumeQuantities v)
    {
        var c = v.Case;
        var volume = Assert.IsType<TieredModel>(c.Price.Model);
        Assert.Equal(TiersMode.Volume, volume.Mode);
        foreach (var quantity in new[] { c.Lower, c.Upper })
        {
            // up_to is inclusive: the first tier whose bound the quantity does not exceed.
            var index = volume.Tiers.ToList().FindIndex(t => t.UpTo is not { } upTo || quantity <= upTo);
            var tier = volume.Tiers[index];
            var exactMinor = (quantity * ToMinor(tier.UnitAmount)) + ToMinor(tier.FlatAmount);
            var expected = (long)Math.Round(exactMinor, 0, MidpointRounding.AwayFromZero);

            var price = c.Price.PriceOf(quantity);

            Assert.Equal(expected, price.AmountMinor);
            var charge = Assert.Single(price.Charges);
            Assert.Equal((index, quantity), (charge.TierIndex, charge.Quantity));
        }
    }

    [Fact]
    public void PriceOf_VolumeEnteringCheaperTier_CanPriceLower()
    {
        var price = TestCatalog.Volume("egress", (1000m, 2m, 0m), (null, 1m, 0m));

        Assert.True(price.PriceOf(1001m).AmountMinor < price.PriceOf(1000m).AmountMinor);
        Assert.False(price.Model.IsMonotonic);
    }

    // Minor units of an amount in major units: exact, the exponent is at most 2.
    private static decimal ToMinor(Money money)
    {
        var minor = money.Amount;
        for (var i = 0; i < money.Currency.Exponent; i++)
        {
            minor *= 10m;
        }

        return minor;
    }
}

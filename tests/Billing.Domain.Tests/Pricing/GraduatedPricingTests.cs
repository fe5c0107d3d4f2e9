using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Pricing;

public sealed class GraduatedPricingTests
{
    // 1-100 at 10 cents + 10 USD flat; 101-1,000 at 5 cents + 20 USD flat; 1,001+ at 1 cent + 40 USD flat.
    private static readonly Price Price = Prices.Graduated(
        (100m, 10m, 1_000m),
        (1_000m, 5m, 2_000m),
        (null, 1m, 4_000m));

    public static TheoryData<decimal, long, decimal[]> Cases => new()
    {
        // quantity, expected minor units, units priced in each tier reached
        { 0m, 1_000, [0m] },                         // first tier's flat amount is a base fee
        { 1m, 1_010, [1m] },
        { 99.5m, 1_995, [99.5m] },
        { 100m, 2_000, [100m] },                     // up_to is inclusive: tier 2 not reached
        { 101m, 4_005, [100m, 1m] },                 // one past: tier 2's flat amount and one unit
        { 100.5m, 4_003, [100m, 0.5m] },             // 4,002.5 cents, half away from zero
        { 1_000m, 8_500, [100m, 900m] },
        { 1_001m, 12_501, [100m, 900m, 1m] },
        { 1_000.25m, 12_500, [100m, 900m, 0.25m] },  // 12,500.25 cents
        { 1_000_000_000_000m, 1_000_000_011_500, [100m, 900m, 999_999_999_000m] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PriceOf_Graduated_PricesEachTiersUnitsAndFlatOfTiersReached(decimal quantity, long expectedMinor, decimal[] tierUnits)
    {
        var breakdown = Price.PriceOf(quantity);

        Assert.Equal(expectedMinor, breakdown.AmountMinor);
        Assert.Equal(tierUnits, breakdown.Charges.Select(c => c.Quantity));
        Assert.Equal(Enumerable.Range(0, tierUnits.Length), breakdown.Charges.Select(c => c.TierIndex));
        Assert.Equal(quantity, breakdown.Charges.Sum(c => c.Quantity));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 0)]
    [InlineData(100.000001, 1)]
    [InlineData(1_000, 1)]
    [InlineData(1_000.000001, 2)]
    public void PriceOf_Graduated_ChargesTierFlatOnlyOncePreviousUpToIsPassed(double quantity, int lastTierReached)
    {
        var charges = Price.PriceOf((decimal)quantity).Charges;

        Assert.Equal(lastTierReached, charges[^1].TierIndex);
        Assert.All(charges, c => Assert.Equal(((TieredModel)Price.Model).Tiers[c.TierIndex].FlatAmount, c.FlatAmount));
    }

    [Fact]
    public void PriceOf_SingleOpenTier_IsPerUnitPlusFlat()
    {
        var price = Prices.Graduated((null, 0.0125m, 999m));

        Assert.Equal(999, price.PriceOf(0m).AmountMinor);
        Assert.Equal(999 + 12_500, price.PriceOf(1_000_000m).AmountMinor);
    }

    [Fact]
    public void IsMonotonic_Graduated_True() => Assert.True(Price.Model.IsMonotonic);
}

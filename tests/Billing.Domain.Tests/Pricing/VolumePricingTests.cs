using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Pricing;

public sealed class VolumePricingTests
{
    // 1-100 at 10 cents + 10 USD flat; 101-1,000 at 5 cents + 20 USD flat; 1,001+ at 1 cent + 40 USD flat.
    private static readonly Price Price = Prices.Volume(
        (100m, 10m, 1_000m),
        (1_000m, 5m, 2_000m),
        (null, 1m, 4_000m));

    public static TheoryData<decimal, long, int> Cases => new()
    {
        // quantity, expected minor units, the one tier that prices every unit
        { 0m, 1_000, 0 },                            // first tier's flat amount is a base fee
        { 1m, 1_010, 0 },
        { 100m, 2_000, 0 },                          // up_to is inclusive
        { 100.5m, 2_503, 1 },                        // 2,502.5 cents: all 100.5 units at tier 2
        { 101m, 2_505, 1 },
        { 1_000m, 7_000, 1 },
        { 1_001m, 5_001, 2 },                        // cheaper than 1,000 (see the test below)
        { 1_000_000_000_000m, 1_000_000_004_000, 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PriceOf_Volume_PricesAllUnitsAndOnlyTheFlatOfTheTierTheTotalFallsIn(decimal quantity, long expectedMinor, int tierIndex)
    {
        var breakdown = Price.PriceOf(quantity);

        Assert.Equal(expectedMinor, breakdown.AmountMinor);
        var charge = Assert.Single(breakdown.Charges);
        Assert.Equal(tierIndex, charge.TierIndex);
        Assert.Equal(quantity, charge.Quantity);
        Assert.Equal(((TieredModel)Price.Model).Tiers[tierIndex].FlatAmount, charge.FlatAmount);
    }

    /// <summary>
    /// docs/contracts.md §5: volume prices are not monotonic — entering a cheaper tier reprices every
    /// unit, so one more unit can cost less. That is why they stay off threshold invoices.
    /// </summary>
    [Fact]
    public void PriceOf_QuantityEntersCheaperTier_AmountFalls()
    {
        var atBoundary = Price.PriceOf(1_000m).AmountMinor;
        var onePast = Price.PriceOf(1_001m).AmountMinor;

        Assert.True(onePast < atBoundary, $"expected {onePast} < {atBoundary}");
        Assert.False(Price.Model.IsMonotonic);
    }
}

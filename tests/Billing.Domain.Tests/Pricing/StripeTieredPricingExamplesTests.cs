using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Pricing;

/// <summary>
/// The worked examples of Stripe's "Set up tiered pricing" page,
/// https://docs.stripe.com/subscriptions/pricing-models/tiered-pricing (numbers only), in cents.
/// </summary>
public sealed class StripeTieredPricingExamplesTests
{
    // Fonts: 1-5 at 7 USD, 6-10 at 6.5 USD, 11+ at 6 USD; no flat amounts.
    private static readonly (decimal?, decimal, decimal)[] FontTiers =
        [(5m, 700m, 0m), (10m, 650m, 0m), (null, 600m, 0m)];

    // Flat rates: 5 / 4 / 3 / 2 / 1 USD a unit plus 10 / 20 / 30 / 40 / 50 USD per tier.
    private static readonly (decimal?, decimal, decimal)[] FlatRateTiers =
        [(5m, 500m, 1_000m), (10m, 400m, 2_000m), (15m, 300m, 3_000m), (20m, 200m, 4_000m), (null, 100m, 5_000m)];

    [Theory]
    [InlineData(1, 700)]
    [InlineData(5, 3_500)]
    [InlineData(6, 3_900)]
    [InlineData(20, 12_000)]
    [InlineData(25, 15_000)]
    public void PriceOf_VolumeFontsExample_MatchesStripe(int fonts, long expectedMinor) =>
        Assert.Equal(expectedMinor, Prices.Tiered(TiersMode.Volume, FontTiers).PriceOf(fonts).AmountMinor);

    [Theory]
    [InlineData(1, 700)]
    [InlineData(5, 3_500)]
    [InlineData(6, 4_150)]
    [InlineData(20, 12_750)]
    [InlineData(25, 15_750)]
    public void PriceOf_GraduatedFontsExample_MatchesStripe(int fonts, long expectedMinor) =>
        Assert.Equal(expectedMinor, Prices.Tiered(TiersMode.Graduated, FontTiers).PriceOf(fonts).AmountMinor);

    [Theory]
    [InlineData(TiersMode.Volume, 12, 6_600)]      // 12 × 3 + 30
    [InlineData(TiersMode.Graduated, 12, 11_100)]  // (5 × 5 + 10) + (5 × 4 + 20) + (2 × 3 + 30)
    [InlineData(TiersMode.Volume, 0, 1_000)]       // quantity 0 bills the first tier's flat rate
    [InlineData(TiersMode.Graduated, 0, 1_000)]
    public void PriceOf_FlatRateExample_MatchesStripe(TiersMode mode, int quantity, long expectedMinor) =>
        Assert.Equal(expectedMinor, Prices.Tiered(mode, FlatRateTiers).PriceOf(quantity).AmountMinor);
}

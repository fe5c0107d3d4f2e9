using Billing.Domain.Monetary;
using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Pricing;

public sealed class PerUnitPricingTests
{
    public static TheoryData<string, decimal, decimal, long> Cases => new()
    {
        // currency, unit_amount[_decimal] in minor units, quantity, expected amount in minor units
        { "usd", 25m, 0m, 0 },
        { "usd", 25m, 1m, 25 },
        { "usd", 25m, 4m, 100 },
        { "usd", 0m, 1_000_000_000_000m, 0 },
        { "usd", 1m, 1_000_000_000_000m, 1_000_000_000_000 },
        { "usd", 99_999m, 1_000_000_000_000m, 99_999_000_000_000_000 },
        // unit_amount_decimal: 0.0125 cents a unit.
        { "usd", 0.0125m, 1_000_000m, 12_500 },
        { "usd", 0.0125m, 400m, 5 },
        { "usd", 0.0125m, 40m, 1 },      // 0.5 cent, half away from zero
        { "usd", 0.0125m, 39m, 0 },      // 0.4875 cent
        { "usd", 0.0125m, 1m, 0 },
        // Twelve decimal places, Stripe's limit.
        { "usd", 0.000000000001m, 1_000_000_000_000m, 1 },
        { "usd", 0.123456789012m, 1_000_000m, 123_457 },
        { "eur", 0.000000000001m, 499_999_999_999m, 0 },
        { "eur", 0.000000000001m, 500_000_000_000m, 1 },
        // Decimal quantities (gigabyte-hours, seconds).
        { "usd", 3m, 2.5m, 8 },          // 7.5 cents
        { "usd", 10m, 0.333m, 3 },       // 3.33 cents
        { "gbp", 150m, 0.001m, 0 },      // 0.15 pence
        // Zero-decimal currencies round to whole yen / won.
        { "jpy", 5m, 3m, 15 },
        { "jpy", 0.5m, 3m, 2 },          // 1.5 yen
        { "jpy", 0.5m, 5m, 3 },          // 2.5 yen: banker's would give 2
        { "krw", 1.25m, 2m, 3 },         // 2.5 won
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PriceOf_PerUnit_IsQuantityTimesUnitAmountRoundedOnce(string currency, decimal unitMinor, decimal quantity, long expectedMinor)
    {
        var breakdown = Prices.PerUnit(unitMinor, currency).PriceOf(quantity);

        Assert.Equal(expectedMinor, breakdown.AmountMinor);
        var charge = Assert.Single(breakdown.Charges);
        Assert.Equal(quantity, charge.Quantity);
        Assert.Equal(quantity, breakdown.BilledQuantity);
        Assert.Equal(Money.Zero(Currency.FromCode(currency)), charge.FlatAmount);
    }

    [Fact]
    public void PriceOf_SubCentUnitAmount_KeepsUnroundedTotalExact()
    {
        var breakdown = Prices.PerUnit(0.0125m).PriceOf(1_000_001m);

        Assert.Equal(125.0001250m, breakdown.Unrounded.Amount);
        Assert.Equal(12_500, breakdown.AmountMinor);
    }

    [Fact]
    public void Constructor_NegativeUnitAmount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerUnitModel(Money.FromMinorUnits(-1m, Currency.Usd)));

    [Fact]
    public void IsMonotonic_PerUnit_True() =>
        Assert.True(Prices.PerUnit(1m).Model.IsMonotonic);
}

using System.Globalization;
using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Pricing;

public sealed class PriceQuoteTests
{
    [Theory]
    [InlineData("usd")]
    [InlineData("jpy")]
    public void Quote_ExactlyAtTheLineBound_Priced(string currency)
    {
        var quote = Prices.PerUnit(1m, currency).Quote(999_999_999_999m);

        Assert.Equal(LineAmounts.MaxMinor, Assert.IsType<PriceQuote.Priced>(quote).AmountMinor);
    }

    [Theory]
    [InlineData("usd", "9999999999.99")]
    [InlineData("jpy", "999999999999")]
    public void Quote_OneMinorUnitBeyondTheLineBound_OutOfRangeNamingTheBound(string currency, string major)
    {
        var quote = Prices.PerUnit(1m, currency).Quote(1_000_000_000_000m);

        var outOfRange = Assert.IsType<PriceQuote.OutOfRange>(quote);
        Assert.Equal(1_000_000_000_000m, outOfRange.Quantity);
        Assert.Contains("price price_test: a quantity of 1000000000000", outOfRange.Message, StringComparison.Ordinal);
        Assert.Contains($"beyond the largest line amount of {major} {currency} (999999999999 minor units)", outOfRange.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_BeyondTheLineBound_MessageNamesPriceQuantityPriceAndBound()
    {
        var outOfRange = Assert.IsType<PriceQuote.OutOfRange>(Prices.PerUnit(10_000m).Quote(999_999_999_999_999m));

        Assert.Equal(
            "price price_test: a quantity of 999999999999999 prices to 99999999999999900.00 usd, " +
            "beyond the largest line amount of 9999999999.99 usd (999999999999 minor units) either way",
            outOfRange.Message);
    }

    [Fact]
    public void Quote_RoundsOncePastTheBound_OutOfRange()
    {
        // 1,999,999,999,999 × 0.5 = 999,999,999,999.5 minor units: rounded half away from zero, one past the bound.
        var price = Prices.PerUnit(0.5m);

        Assert.IsType<PriceQuote.Priced>(price.Quote(1_999_999_999_998m));
        Assert.IsType<PriceQuote.OutOfRange>(price.Quote(1_999_999_999_999m));
    }

    [Fact]
    public void Quote_NegativeQuantityBeyondTheBound_OutOfRange()
    {
        var price = Prices.PerUnit(1m);

        Assert.Equal(-LineAmounts.MaxMinor, Assert.IsType<PriceQuote.Priced>(price.Quote(-999_999_999_999m)).AmountMinor);
        Assert.IsType<PriceQuote.OutOfRange>(price.Quote(-1_000_000_000_000m));
    }

    [Theory]
    [InlineData("100000000000000000000", "999999999999999")] // per unit: the product is past decimal's range
    [InlineData("0.01", "79228162514264337593543950335")] // within it, but its minor units are not
    public void Quote_PriceBeyondWhatADecimalHolds_OutOfRangeInsteadOfOverflowException(string unitMinor, string quantity)
    {
        var price = Prices.PerUnit(decimal.Parse(unitMinor, CultureInfo.InvariantCulture));
        var q = decimal.Parse(quantity, CultureInfo.InvariantCulture);
        Assert.Throws<OverflowException>(() => price.PriceOf(q).AmountMinor);

        var outOfRange = Assert.IsType<PriceQuote.OutOfRange>(price.Quote(q));

        Assert.Equal(q, outOfRange.Quantity);
    }

    [Fact]
    public void Quote_GraduatedAndVolumeBeyondTheBound_OutOfRange()
    {
        var graduated = Prices.Graduated((1000m, 0m, 500m), (null, 100m, 0m));
        var volume = Prices.Volume((1000m, 200m, 0m), (null, 100m, 0m));

        // 500 + (q − 1000) × 100 and q × 100: within the bound up to about 10^10 units.
        Assert.IsType<PriceQuote.Priced>(graduated.Quote(10_000_000_000m));
        Assert.IsType<PriceQuote.OutOfRange>(graduated.Quote(10_000_000_000_000m));
        Assert.IsType<PriceQuote.Priced>(volume.Quote(9_999_999_999m));
        Assert.IsType<PriceQuote.OutOfRange>(volume.Quote(10_000_000_000m));
    }

    [Fact]
    public void Quote_WithinTheBound_SameAsPriceOf()
    {
        var price = Prices.Graduated((1000m, 0m, 500m), (null, 0.5m, 0m));

        var priced = Assert.IsType<PriceQuote.Priced>(price.Quote(1234.5m));

        Assert.Equal(price.PriceOf(1234.5m).AmountMinor, priced.AmountMinor);
        Assert.Equal(price.PriceOf(1234.5m).Charges, priced.Breakdown.Charges);
    }
}

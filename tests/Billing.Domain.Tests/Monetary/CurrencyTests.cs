using Billing.Domain.Monetary;

namespace Billing.Domain.Tests.Monetary;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("usd", 2)]
    [InlineData("eur", 2)]
    [InlineData("gbp", 2)]
    [InlineData("chf", 2)]
    [InlineData("jpy", 0)]
    [InlineData("krw", 0)]
    public void Exponent_SupportedCurrency_MatchesIso4217(string code, int expected) =>
        Assert.Equal(expected, Currency.FromCode(code).Exponent);

    [Theory]
    [InlineData("usd")]
    [InlineData("USD")]
    [InlineData("Usd")]
    [InlineData("uSD")]
    public void FromCode_AnyCase_ReturnsTheLowerCaseCurrency(string code)
    {
        var currency = Currency.FromCode(code);

        Assert.Same(Currency.Usd, currency);
        Assert.Equal("usd", currency.Code);
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("us")]
    [InlineData("usdd")]
    [InlineData("")]
    [InlineData(" usd")]
    public void FromCode_UnknownCode_ThrowsArgumentException(string code) =>
        Assert.Throws<ArgumentException>(() => Currency.FromCode(code));

    [Fact]
    public void TryFromCode_Null_ReturnsFalse() =>
        Assert.False(Currency.TryFromCode(null, out _));

    public static TheoryData<string, decimal, decimal> Midpoints => new()
    {
        // Half away from zero, never banker's (which would give 0.00, -0.00, 0.02, 0.02, 0, 2).
        { "usd", 0.005m, 0.01m },
        { "usd", -0.005m, -0.01m },
        { "usd", 0.015m, 0.02m },
        { "usd", 0.025m, 0.03m },
        { "usd", -0.025m, -0.03m },
        { "eur", 2.345m, 2.35m },
        { "usd", 1.004999m, 1.00m },
        { "usd", 12.34m, 12.34m },
        { "jpy", 0.5m, 1m },
        { "jpy", 2.5m, 3m },
        { "jpy", -0.5m, -1m },
        { "krw", 0.4999m, 0m },
    };

    [Theory]
    [MemberData(nameof(Midpoints))]
    public void Round_Amount_RoundsHalfAwayFromZeroToExponent(string code, decimal amount, decimal expected) =>
        Assert.Equal(expected, Currency.FromCode(code).Round(amount));

    public static TheoryData<string, decimal, long> RoundedAmounts => new()
    {
        { "usd", 0m, 0 },
        { "usd", 12.34m, 1234 },
        { "usd", -0.01m, -1 },
        { "usd", 12.340000m, 1234 },
        { "chf", 10_000_000_000m, 1_000_000_000_000 },
        { "jpy", 500m, 500 },
        { "krw", -3m, -3 },
    };

    [Theory]
    [MemberData(nameof(RoundedAmounts))]
    public void ToMinorUnits_RoundedAmount_ReturnsWholeMinorUnits(string code, decimal amount, long expected) =>
        Assert.Equal(expected, Currency.FromCode(code).ToMinorUnits(amount));

    public static TheoryData<string, decimal> UnroundedAmounts => new()
    {
        { "usd", 0.005m },
        { "usd", 1.001m },
        { "usd", -0.001m },
        { "jpy", 0.5m },
        { "krw", 1.01m },
    };

    [Theory]
    [MemberData(nameof(UnroundedAmounts))]
    public void ToMinorUnits_UnroundedAmount_ThrowsArgumentException(string code, decimal amount) =>
        Assert.Throws<ArgumentException>(() => Currency.FromCode(code).ToMinorUnits(amount));

    public static TheoryData<string, decimal, decimal> MinorToMajor => new()
    {
        { "usd", 1234m, 12.34m },
        { "usd", 0.0125m, 0.000125m },
        { "eur", 0.000000000001m, 0.00000000000001m },
        { "jpy", 500m, 500m },
        { "krw", 0.5m, 0.5m },
    };

    [Theory]
    [MemberData(nameof(MinorToMajor))]
    public void FromMinorUnits_MinorUnits_DividesByTenToTheExponentExactly(string code, decimal minorUnits, decimal expected) =>
        Assert.Equal(expected, Currency.FromCode(code).FromMinorUnits(minorUnits));
}

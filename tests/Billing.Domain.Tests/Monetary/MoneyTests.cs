using Billing.Domain.Monetary;

namespace Billing.Domain.Tests.Monetary;

public sealed class MoneyTests
{
    [Fact]
    public void Add_SameCurrency_SumsAmounts()
    {
        var sum = new Money(1.25m, Currency.Usd) + new Money(0.005m, Currency.FromCode("USD"));

        Assert.Equal(new Money(1.255m, Currency.Usd), sum);
    }

    [Fact]
    public void Subtract_SameCurrency_CanGoNegative() =>
        Assert.Equal(-0.5m, (new Money(1m, Currency.Eur) - new Money(1.5m, Currency.Eur)).Amount);

    [Theory]
    [InlineData("usd", "eur")]
    [InlineData("usd", "jpy")]
    [InlineData("jpy", "krw")]
    public void Add_MixedCurrencies_ThrowsInvalidOperationException(string left, string right)
    {
        var a = new Money(1m, Currency.FromCode(left));
        var b = new Money(1m, Currency.FromCode(right));

        Assert.Throws<InvalidOperationException>(() => a + b);
    }

    [Fact]
    public void Subtract_MixedCurrencies_ThrowsInvalidOperationException() =>
        Assert.Throws<InvalidOperationException>(() => Money.Zero(Currency.Gbp) - Money.Zero(Currency.Chf));

    [Theory]
    [InlineData("usd", 0.5, 1)]
    [InlineData("usd", -0.5, -1)]
    [InlineData("usd", 1.5, 2)]
    [InlineData("usd", 2.5, 3)]
    [InlineData("jpy", 2.5, 3)]
    public void RoundedToMinorUnits_HalfMinorUnit_RoundsAwayFromZero(string code, double minorUnits, long expected)
    {
        var money = Money.FromMinorUnits((decimal)minorUnits, Currency.FromCode(code));

        Assert.Equal(expected, money.Rounded().ToMinorUnits());
    }

    [Fact]
    public void ToMinorUnits_Unrounded_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Money.FromMinorUnits(0.5m, Currency.Usd).ToMinorUnits());

    [Fact]
    public void Multiply_ByFactor_KeepsCurrencyAndDoesNotRound()
    {
        var product = 3m * Money.FromMinorUnits(0.0125m, Currency.Usd);

        Assert.Equal(new Money(0.000375m, Currency.Usd), product);
    }
}

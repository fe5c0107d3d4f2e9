using Billing.Cli.Output;

namespace Billing.Cli.Tests.Output;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(123456L, "usd", "USD 1,234.56")]
    [InlineData(5L, "usd", "USD 0.05")]
    [InlineData(0L, "usd", "USD 0.00")]
    [InlineData(-50L, "usd", "USD -0.50")]
    [InlineData(100000000L, "USD", "USD 1,000,000.00")]
    [InlineData(1235L, "jpy", "JPY 1,235")]
    [InlineData(0L, "jpy", "JPY 0")]
    [InlineData(-7L, "jpy", "JPY -7")]
    [InlineData(1500L, "krw", "KRW 1,500")]
    [InlineData(1999L, "eur", "EUR 19.99")]
    public void Format_MinorUnits_UsesTheCurrencyExponent(long minorUnits, string currency, string expected) =>
        Assert.Equal(expected, Money.Format(minorUnits, currency));

    [Fact]
    public void Format_UnknownCurrency_ShowsMinorUnitsAndSaysSo() =>
        Assert.Equal("1234 xyz (minor units)", Money.Format(1234, "xyz"));
}

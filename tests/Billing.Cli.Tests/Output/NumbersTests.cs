using Billing.Cli.Output;

namespace Billing.Cli.Tests.Output;

public sealed class NumbersTests
{
    [Theory]
    [InlineData("3482.5", "3,482.5")]
    [InlineData("10", "10")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("-15", "-15")]
    public void Quantity_KeepsTheDecimalsItHas(string value, string expected) =>
        Assert.Equal(expected, Numbers.Quantity(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(4 * 1024 * 1024, "4.0 MB")]
    public void Bytes_UsesPowersOf1024(double bytes, string expected) => Assert.Equal(expected, Numbers.Bytes(bytes));

    [Theory]
    [InlineData(1767225600L, "2026-01-01")]
    [InlineData(1767225601L, "2026-01-01 00:00:01Z")]
    public void Day_ShowsTheTimeOnlyWhenNotMidnight(long seconds, string expected) => Assert.Equal(expected, Numbers.Day(seconds));
}

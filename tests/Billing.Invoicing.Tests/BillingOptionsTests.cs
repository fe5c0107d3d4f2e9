
namespace Billing.Invoicing.Tests;

public sealed class BillingOptionsTests
{
    [Fact]
    public void MaxCatchUpPeriods_Default_IsThree() => Assert.Equal(3, new BillingOptions().MaxCatchUpPeriods);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_MaxCatchUpPeriodsBelowOne_ThrowsNamingTheSetting(int value)
    {
        var options = new BillingOptions { MaxCatchUpPeriods = value };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Billing:MaxCatchUpPeriods must be at least 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxCatchUpPeriodsOne_IsAccepted() => new BillingOptions { MaxCatchUpPeriods = 1 }.Validate();
}

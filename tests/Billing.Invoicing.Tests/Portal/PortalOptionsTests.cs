using Billing.Invoicing.Portal;

namespace Billing.Invoicing.Tests.Portal;

public sealed class PortalOptionsTests
{
    [Fact]
    public void Validate_Defaults_PassWithNoPortal()
    {
        var options = new PortalOptions();

        options.Validate();

        Assert.False(options.Configured);
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromDays(7)), (options.DefaultLifetime, options.MaxLifetime));
    }

    [Fact]
    public void Validate_ShortKey_ThrowsSayingItsLengthNotTheKey()
    {
        var options = new PortalOptions { SigningKey = "short-secret" };

        var e = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("it has 12", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultLifetimeOverTheMax_Throws()
    {
        var options = new PortalOptions { DefaultLifetime = TimeSpan.FromDays(2), MaxLifetime = TimeSpan.FromDays(1) };

        Assert.Throws<InvalidOperationException>(options.Validate);
    }
}

using Billing.Invoicing.Outbound;

namespace Billing.Invoicing.Tests.Outbound;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new WebhookOptions();

        options.Validate();
        Assert.Equal(
            (TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), TimeSpan.FromDays(3), TimeSpan.FromSeconds(10)),
            (options.FirstRetry, options.MaxRetryInterval, options.RetryFor, options.Timeout));
    }

    [Theory]
    [InlineData("00:00:00", "06:00:00", "3.00:00:00", "00:00:10", "FirstRetry")]
    [InlineData("00:10:00", "00:05:00", "3.00:00:00", "00:00:10", "MaxRetryInterval")]
    [InlineData("00:01:00", "8.00:00:00", "3.00:00:00", "00:00:10", "MaxRetryInterval")]
    [InlineData("00:01:00", "06:00:00", "00:00:00", "00:00:10", "RetryFor")]
    [InlineData("00:01:00", "06:00:00", "31.00:00:00", "00:00:10", "RetryFor")]
    [InlineData("00:01:00", "06:00:00", "3.00:00:00", "00:00:00", "Timeout")]
    [InlineData("00:01:00", "06:00:00", "3.00:00:00", "00:06:00", "Timeout")]
    public void Validate_OutOfBounds_ThrowsNamingTheSetting(string first, string max, string retryFor, string timeout, string named)
    {
        var options = new WebhookOptions
        {
            FirstRetry = TimeSpan.Parse(first, System.Globalization.CultureInfo.InvariantCulture),
            MaxRetryInterval = TimeSpan.Parse(max, System.Globalization.CultureInfo.InvariantCulture),
            RetryFor = TimeSpan.Parse(retryFor, System.Globalization.CultureInfo.InvariantCulture),
            Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Contains(named, Assert.Throws<InvalidOperationException>(options.Validate).Message, StringComparison.Ordinal);
    }
}

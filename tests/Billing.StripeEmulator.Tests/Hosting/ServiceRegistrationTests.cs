using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Tests.Hosting;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void AddStripeEmulator_ConfigurationSection_BindsOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StripeEmulator:WebhookUrl"] = "http://127.0.0.1:7071/api/stripe/webhook",
            ["StripeEmulator:WebhookSecret"] = "whsec_local",
            ["StripeEmulator:DuplicateDelivery"] = "true",
            ["StripeEmulator:RateLimitFraction"] = "0.1",
            ["StripeEmulator:Customers:0:Id"] = "cus_A",
            ["StripeEmulator:Customers:0:PaymentOutcome"] = "Declines",
        }).Build();

        using var services = new ServiceCollection().AddLogging().AddStripeEmulator(configuration).BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<StripeEmulatorOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:7071/api/stripe/webhook"), options.WebhookUrl);
        Assert.Equal("whsec_local", options.WebhookSecret);
        Assert.True(options.DuplicateDelivery);
        Assert.Equal(0.1, options.RateLimitFraction);
        var customer = Assert.Single(options.Customers);
        Assert.Equal(("cus_A", PaymentOutcome.Declines), (customer.Id, customer.PaymentOutcome));
    }

    [Theory]
    [InlineData("StripeEmulator:RateLimitFraction", "1.5")]
    [InlineData("StripeEmulator:ApiVersion", "2026-10-28")]
    [InlineData("StripeEmulator:Customers:0:Id", "A")]
    [InlineData("StripeEmulator:ShuffleWindow", "-1")]
    public void AddStripeEmulator_InvalidSetting_RefusedOnValidation(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        using var services = new ServiceCollection().AddLogging().AddStripeEmulator(configuration).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<StripeEmulatorOptions>>().Value);
        Assert.StartsWith("StripeEmulator", error.Message, StringComparison.Ordinal);
    }
}

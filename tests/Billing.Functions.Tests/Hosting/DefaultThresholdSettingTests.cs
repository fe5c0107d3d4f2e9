using Billing.Domain.Catalog;
using Billing.Functions.Hosting;
using Billing.LocalDev;
using Billing.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Hosting;

/// <summary><c>Billing:DefaultThresholdAmountGte</c> is the threshold of a catalog subscription without <c>billing_thresholds</c>.</summary>
public sealed class DefaultThresholdSettingTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(null, 10_000)]
    [InlineData("2500", 2_500)]
    public void Catalog_SubscriptionWithoutThresholds_TakesTheSettingOrUsd100(string? setting, long expected)
    {
        using var services = Build(setting);

        var catalog = services.GetRequiredService<BillingCatalog>();

        Assert.Equal(expected, catalog.FindSubscription("sub_B")!.ThresholdAmountGte); // the sample's sub_B has none
        Assert.Equal(5_000, catalog.FindSubscription("sub_A")!.ThresholdAmountGte); // its own wins
    }

    [Fact]
    public void Start_SettingNotPositive_IsRefusedNamingIt()
    {
        using var services = Build("0");

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Billing.Invoicing.BillingOptions>>().Value);

        Assert.Contains("Billing:DefaultThresholdAmountGte must be a positive number of minor units", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(string? setting)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Billing:CatalogPath"] = Path.Combine(RepositoryRoot.Find(), "samples", "catalog.json"),
        };
        if (setting is not null)
        {
            settings["Billing:DefaultThresholdAmountGte"] = setting;
        }

        return new ServiceCollection().AddLogging()
            .AddBilling(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
    }
}

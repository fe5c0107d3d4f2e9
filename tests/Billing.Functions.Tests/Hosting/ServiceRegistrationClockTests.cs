using Billing.Invoicing.Clock;
using Billing.Functions.Hosting;
using Billing.Invoicing.Workflows;
using Billing.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Hosting;

/// <summary>Which clock is the business clock, by <c>Billing:TestClock</c> and by what a test registered first.</summary>
public sealed class ServiceRegistrationClockTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void AddBilling_TestClockOff_TheBusinessClockIsTheSystemClock(string? setting)
    {
        using var services = Build(setting);

        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public void AddBilling_TestClockOn_TheBusinessClockIsTheTestClock(string setting)
    {
        using var services = Build(setting);

        Assert.Same(services.GetRequiredService<TestClock>(), services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddBilling_TestClockOnButATimeProviderRegisteredFirst_KeepsIt()
    {
        var fake = new FakeTimeProvider();

        using var services = Build("true", fake);

        Assert.Same(fake, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddBilling_DueTimers_AreClosePeriodsFirst()
    {
        var timers = Collection(null, null).Where(d => d.ServiceType == typeof(IDueTimer)).ToArray();

        Assert.Equal(typeof(ClosePeriodsTimer), timers[0].ImplementationType);
        Assert.Equal(ServiceLifetime.Singleton, timers[0].Lifetime);
    }

    private ServiceProvider Build(string? testClock, TimeProvider? registeredFirst = null) =>
        Collection(testClock, registeredFirst).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

    private IServiceCollection Collection(string? testClock, TimeProvider? registeredFirst)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Billing:CatalogPath"] = "unused.json",
        };
        if (testClock is not null)
        {
            settings["Billing:TestClock"] = testClock;
        }

        var collection = new ServiceCollection().AddLogging();
        if (registeredFirst is not null)
        {
            collection.AddSingleton(registeredFirst);
        }

        return collection.AddBilling(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }
}

using Billing.Invoicing.Clock;
using Billing.Invoicing;
using Billing.Storage.Clock;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests;

/// <summary>
/// The real HTTP app (<c>Program</c>) in memory, configured like an <see cref="AppInstance"/>:
/// the same settings and the same fake clock (registered after AddBilling's, so it wins). With
/// <paramref name="testClock"/> the app keeps its own <see cref="TestClock"/> as the business clock
/// (the settings turn it on) and the fake stands in for the wall clock under it instead. With
/// <paramref name="wallClock"/> the app's <see cref="WallClock"/> (the webhook signature tolerance)
/// reads it instead of real time.
/// </summary>
internal sealed class BillingWebApp(
    IReadOnlyDictionary<string, string?> settings,
    FakeTimeProvider clock,
    bool testClock = false,
    TimeProvider? wallClock = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            if (testClock)
            {
                services.AddSingleton(sp => new TestClock(sp.GetRequiredService<TestClockStore>(), clock));
            }
            else
            {
                services.AddSingleton<TimeProvider>(clock);
            }

            if (wallClock is not null)
            {
                services.AddSingleton(new WallClock(wallClock));
            }
        });
    }
}

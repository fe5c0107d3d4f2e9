using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests;

/// <summary>
/// The real HTTP app (<c>Program</c>) in memory, configured like an <see cref="AppInstance"/>:
/// the same settings and the same fake clock (registered after AddBilling's, so it wins).
/// </summary>
internal sealed class BillingWebApp(IReadOnlyDictionary<string, string?> settings, FakeTimeProvider clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
    }
}

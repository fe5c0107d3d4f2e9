using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Billing.LocalHost.TestApp;

/// <summary>The test app's wiring, as Billing.Functions' <c>AddBillingApp</c>: what its Program and the local host both call.</summary>
public static class TestApp
{
    public static void Configure(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<Recorder>();
        builder.Services.AddSingleton<Gates>();
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Billing.Functions.Hosting;

/// <summary>
/// The app's wiring, in one call that <c>Program</c> makes and that any other host of the same
/// function classes (the local Functions host, tests) makes too, so that they all build the same
/// service provider.
/// </summary>
public static class BillingApp
{
    /// <summary>
    /// Every service of the app (<see cref="ServiceRegistration.AddBilling"/>), what the HTTP
    /// functions share (<see cref="HttpEdge"/>), and the start-up step that prepares storage
    /// (<see cref="StorageInitializer"/>) for a host that runs hosted services.
    /// </summary>
    public static IServiceCollection AddBillingApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddBilling(configuration);
        services.TryAddSingleton<HttpEdge>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}

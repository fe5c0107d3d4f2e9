using Billing.Domain.Ports;
using Stripe;

namespace Billing.Stripe;

/// <summary>DI registration of the Stripe adapter; the host binds <see cref="StripeOptions"/> (section <see cref="StripeOptions.Section"/>).</summary>
public static class ServiceRegistration
{
    /// <summary>
    /// <see cref="IStripeBilling"/> over a Stripe.net client whose rate limit is counted in real
    /// seconds, whatever clock the rest of the app is given. The gateway is built on first use, so
    /// an app without Stripe settings still starts; only a call to Stripe fails, naming the setting.
    /// A client registered after this one (a test's) is the one used.
    /// </summary>
    public static IServiceCollection AddStripeBilling(this IServiceCollection services)
    {
        services.AddSingleton<IStripeClient>(sp => StripeClientFactory.Create(sp.GetRequiredService<IOptions<StripeOptions>>().Value, TimeProvider.System));
        services.AddSingleton<StripeGateway>();
        services.AddSingleton(sp => new Lazy<StripeGateway>(sp.GetRequiredService<StripeGateway>));
        services.AddSingleton<IStripeBilling, StripeInvoicing>();
        return services;
    }
}

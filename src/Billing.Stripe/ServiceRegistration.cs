using Stripe;

namespace Billing.Stripe;

/// <summary>DI registration of the Stripe gateway and webhook verifier; options from section <see cref="StripeOptions.Section"/>, validated on start.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddStripeGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StripeOptions>()
            .Bind(configuration.GetSection(StripeOptions.Section))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStripeClient>(sp =>
            StripeClientFactory.Create(sp.GetRequiredService<IOptions<StripeOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<StripeGateway>();
        services.TryAddSingleton<WebhookVerifier>();
        return services;
    }
}

using System.Text.Json;
using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Idempotency;
using Billing.StripeEmulator.Operations;
using Billing.StripeEmulator.Persistence;
using Billing.StripeEmulator.State;
using Billing.StripeEmulator.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Hosting;

/// <summary>The emulator's services, wired once.</summary>
public static class ServiceRegistration
{
    /// <summary>
    /// Adds the emulator, bound to <see cref="StripeEmulatorOptions.Section"/> of
    /// <paramref name="configuration"/> (when given) and then <paramref name="configure"/>. Uses the
    /// registered <see cref="TimeProvider"/>, or the system clock when there is none.
    /// </summary>
    public static IServiceCollection AddStripeEmulator(this IServiceCollection services, IConfiguration? configuration = null, Action<StripeEmulatorOptions>? configure = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<StripeEmulatorOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(StripeEmulatorOptions.Section));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddHttpClient(WebhookDispatcher.HttpClientName, (sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<StripeEmulatorOptions>>().Value.DeliveryTimeout);

        services.AddSingleton<EmulatorStore>();
        services.AddSingleton<EmulatorSettingsStore>();
        services.AddSingleton<EmulatorRandom>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RequestCounter>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<EventLog>();
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<CustomerOperations>();
        services.AddSingleton<InvoiceOperations>();
        services.AddSingleton<InvoiceTransitions>();
        services.AddSingleton<InvoiceItemOperations>();
        services.AddSingleton<InvoiceLineOperations>();
        services.AddSingleton<EventOperations>();
        services.AddSingleton<EmulatorReset>();
        services.AddSingleton<EmulatorJournal>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}

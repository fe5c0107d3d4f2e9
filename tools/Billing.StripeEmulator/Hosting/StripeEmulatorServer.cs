using System.Net;
using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Operations;
using Billing.StripeEmulator.Persistence;
using Billing.StripeEmulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Billing.StripeEmulator.Hosting;

/// <summary>
/// The emulator in-process on <c>127.0.0.1</c> and a free port, for tests and for the CLI's
/// <c>up</c>. Point Stripe.net at <see cref="ApiBase"/> with any <c>sk_test_…</c> key, e.g.
/// <see cref="TestApiKey"/>. Stops on dispose.
/// </summary>
public sealed class StripeEmulatorServer : IAsyncDisposable
{
    /// <summary>A test-mode key the emulator accepts (any <c>sk_test_…</c> key does).</summary>
    public const string TestApiKey = "sk_test_stripe_emulator";

    private readonly WebApplication app;
    private readonly EmulatorSettingsStore settings;

    private StripeEmulatorServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
        settings = app.Services.GetRequiredService<EmulatorSettingsStore>();
    }

    /// <summary>The emulator's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The value for Stripe.net's <c>StripeClientOptions.ApiBase</c>: the base address without a trailing slash.</summary>
    public string ApiBase => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The file that keeps the emulator's state (<see cref="StripeEmulatorOptions.DataDirectory"/>); null when it lives in memory only.</summary>
    public string? StateFile => app.Services.GetRequiredService<EmulatorJournal>().FilePath;

    /// <summary>The switches in force now.</summary>
    public EmulatorSettings Settings => settings.Current;

    internal IServiceProvider Services => app.Services;

    /// <param name="configure">Options (seeded customers, initial switches, seed); defaults otherwise.</param>
    /// <param name="timeProvider">The clock for object timestamps and webhook signatures; the system clock when null.</param>
    public static async Task<StripeEmulatorServer> StartAsync(
        Action<StripeEmulatorOptions>? configure = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(StripeEmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddStripeEmulator(configuration: null, configure);
        var app = builder.Build();
        try
        {
            app.MapStripeEmulator();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new StripeEmulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends events to <paramref name="endpoint"/>, signed with <paramref name="secret"/>, from the next event on.</summary>
    public void ConfigureWebhook(Uri endpoint, string secret)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        settings.Update(s => s with { WebhookUrl = endpoint, WebhookSecret = secret });
    }

    /// <summary>Changes the switches (duplicate delivery, shuffle window, delay, fault fractions); throws <see cref="ArgumentException"/> for invalid values.</summary>
    public EmulatorSettings Configure(Func<EmulatorSettings, EmulatorSettings> change) => settings.Update(change);

    /// <summary>Creates (or updates) a customer with a chosen id, such as a catalog's <c>cus_A</c>.</summary>
    public void SeedCustomer(string id, string? name = null, string? email = null, PaymentOutcome outcome = PaymentOutcome.Succeeds) =>
        app.Services.GetRequiredService<CustomerOperations>().Seed(new SeededCustomer { Id = id, Name = name, Email = email, PaymentOutcome = outcome });

    /// <summary>What the next charges of this customer do; throws <see cref="KeyNotFoundException"/> for an unknown customer.</summary>
    public void SetPaymentOutcome(string customerId, PaymentOutcome outcome)
    {
        if (!app.Services.GetRequiredService<CustomerOperations>().SetPaymentOutcome(customerId, outcome))
        {
            throw new KeyNotFoundException($"No customer '{customerId}' in the emulator.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}

using Billing.Domain.Catalog;
using Billing.LocalDev.Settings;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Persistence;

namespace Billing.Cli.Hosting;

/// <summary>
/// The Stripe that the app of <c>billing up</c> talks to. With a <c>Stripe__ApiKey</c> in
/// local.settings.json: Stripe itself (or the configured <c>Stripe__ApiBase</c>), and the settings
/// pass through unchanged. Without one: the project's emulator, in-process on 127.0.0.1 and a free
/// port, holding the catalog's customers; the app gets its address, a test key and a webhook secret
/// made for this run. The emulator keeps its state in a folder across runs, so that the invoices the
/// app's storage refers to are still there after a restart. Disposing stops the emulator: dispose
/// the app first, so that it never calls a Stripe that has gone.
/// </summary>
internal sealed class LocalStripe : IAsyncDisposable
{
    /// <summary>Where the app receives Stripe's events (an anonymous endpoint), relative to its base address.</summary>
    public const string WebhookPath = "api/stripe/webhook";

    /// <summary>Stripe.net's API base, used when no <c>Stripe__ApiBase</c> is configured.</summary>
    public const string StripeApiBase = "https://api.stripe.com";

    private static readonly string[] KeyPrefixes = ["sk_test_", "sk_live_", "rk_test_", "rk_live_"];

    private readonly StripeEmulatorServer? emulator;
    private readonly LocalSettings configured;
    private readonly IReadOnlyList<string> seeded;
    private readonly string? stateDirectory;

    private LocalStripe(StripeEmulatorServer? emulator, LocalSettings configured, IReadOnlyDictionary<string, string> appSettings, IReadOnlyList<string> seeded, string? stateDirectory = null)
    {
        this.stateDirectory = stateDirectory;
        this.emulator = emulator;
        this.configured = configured;
        this.seeded = seeded;
        AppSettings = appSettings;
    }

    /// <summary>The settings to give the app: the configured ones, with the emulator's when it runs.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; }

    /// <summary>The emulator's root, e.g. <c>http://127.0.0.1:41234/</c>; null when the app talks to Stripe.</summary>
    public Uri? EmulatorAddress => emulator?.BaseAddress;

    /// <summary>True when <paramref name="settings"/> hold no <c>Stripe__ApiKey</c>: <see cref="StartAsync"/> will start the emulator.</summary>
    public static bool UsesEmulator(LocalSettings settings) => settings[LocalSettings.StripeApiKey] is null;

    /// <summary>
    /// Starts the emulator when <paramref name="settings"/> hold no <c>Stripe__ApiKey</c>, with every
    /// customer of <paramref name="catalog"/>; otherwise starts nothing.
    /// </summary>
    /// <param name="stateDirectory">Where the emulator keeps its state across runs; null: in memory, for this run only.</param>
    /// <param name="time">The emulator's clock (object timestamps, webhook signatures, retry waits).</param>
    /// <exception cref="CliException">The emulator's state file is damaged, or another emulator uses the folder.</exception>
    public static async Task<LocalStripe> StartAsync(LocalSettings settings, BillingCatalog catalog, string? stateDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!UsesEmulator(settings))
        {
            return new LocalStripe(null, settings, settings.Values, []);
        }

        // A fresh secret per run: the emulator signs with it and the app verifies with it, and
        // nothing else needs to know it.
        var secret = "whsec_" + LocalSettingsFile.NewKey();
        // Customers given as options come back after POST /_emulator/reset, but the options accept
        // only Stripe's id shape; a catalog may use other ids, which are seeded once after the start.
        var stripeShaped = catalog.Customers.Where(IsStripeId).ToList();
        StripeEmulatorServer emulator;
        try
        {
            emulator = await StripeEmulatorServer.StartAsync(
                options =>
                {
                    options.WebhookSecret = secret;
                    options.DataDirectory = stateDirectory;
                    options.Customers.AddRange(stripeShaped.Select(c => new SeededCustomer { Id = c.Id, Name = c.Name, Email = c.Email }));
                },
                time,
                cancellationToken).ConfigureAwait(false);
        }
        catch (EmulatorStateException e)
        {
            throw new CliException(ExitCodes.Failed, e.Message);
        }

        try
        {
            foreach (var customer in catalog.Customers.Where(c => !IsStripeId(c)))
            {
                emulator.SeedCustomer(customer.Id, customer.Name, customer.Email);
            }
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var appSettings = new Dictionary<string, string>(settings.Values, StringComparer.Ordinal)
        {
            [LocalSettings.StripeApiKey] = StripeEmulatorServer.TestApiKey,
            [LocalSettings.StripeApiBase] = emulator.ApiBase,
            [LocalSettings.StripeWebhookSecret] = secret,
        };
        return new LocalStripe(emulator, settings, appSettings, catalog.Customers.Select(c => c.Id).ToList(), stateDirectory);
    }

    /// <summary>Once the app answers: the emulator sends its events to the app's webhook endpoint (nothing to do with Stripe itself).</summary>
    public void ConnectWebhook(Uri appBaseAddress) =>
        emulator?.ConfigureWebhook(new Uri(appBaseAddress, WebhookPath), AppSettings[LocalSettings.StripeWebhookSecret]);

    /// <summary>What to print about Stripe: where the app's calls go and where webhooks come from. Never the configured key or secret.</summary>
    public IReadOnlyList<string> Describe(Uri appBaseAddress)
    {
        var webhook = new Uri(appBaseAddress, WebhookPath);
        if (emulator is not null)
        {
            var state = stateDirectory is null
                ? "           its state is in memory: gone when it stops"
                : $"           its state is kept in {stateDirectory} across restarts (delete it with the storage data to start afresh)";
            return
            [
                $"Stripe     emulator at {emulator.ApiBase} (no {LocalSettings.StripeApiKey} configured; key {StripeEmulatorServer.TestApiKey}; customers {string.Join(", ", seeded)})",
                state,
                $"webhooks   from the emulator to {webhook}, signed with a secret made for this run",
            ];
        }

        var key = configured[LocalSettings.StripeApiKey]!;
        var live = Mask(key).Contains("_live_", StringComparison.Ordinal) ? "; live mode: charges are real" : string.Empty;
        var secret = configured[LocalSettings.StripeWebhookSecret] is null ? "not set: until it is, the app refuses them" : "it is set";
        var apiBase = configured[LocalSettings.StripeApiBase];
        string[] webhooks = apiBase is null
            ?
            [
                $"webhooks   Stripe cannot reach this machine: forward them with `stripe listen --forward-to {webhook}`",
                $"           and set {LocalSettings.StripeWebhookSecret} to the whsec_… it prints ({secret})",
            ]
            : [$"webhooks   point {apiBase}'s webhooks at {webhook}, signed with {LocalSettings.StripeWebhookSecret} ({secret})"];
        return [$"Stripe     {apiBase ?? StripeApiBase} with {Mask(key)} ({LocalSettings.StripeApiKey}{live})", .. webhooks];
    }

    /// <summary>The key's kind and mode (<c>sk_test_…</c>), nothing of the secret part.</summary>
    public static string Mask(string key) =>
        KeyPrefixes.FirstOrDefault(p => key.StartsWith(p, StringComparison.Ordinal)) is { } prefix ? prefix + "…" : "a key (not shown)";

    public async ValueTask DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool IsStripeId(Domain.Subscriptions.Customer customer) => customer.Id.StartsWith("cus_", StringComparison.Ordinal);
}

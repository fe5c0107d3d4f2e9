using System.CommandLine;
using Billing.Cli.Api;
using Billing.Cli.Demo;
using Billing.Cli.Hosting;
using Billing.Cli.Upload;
using Billing.Domain.Catalog;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>billing up [--demo]</c>: the one-command local run. Prepares local.settings.json (on a first
/// run with a copy of the sample catalog anchored in the current month, <see cref="LocalCatalog"/>),
/// checks the catalog and warns about subscriptions the app will hold back, starts the Stripe emulator when no Stripe key is configured (<see cref="LocalStripe"/>),
/// starts storage and the app through an <see cref="IAppHost"/>, prints where everything is, then
/// runs until Ctrl+C or SIGTERM (or, with <c>--demo</c>, runs the demo and stops).
/// </summary>
internal static class UpCommand
{
    public const string DataDirectory = ".azurite";
    public const string LogFile = ".billing/app.log";

    /// <summary>Where the Stripe emulator keeps its state: inside Azurite's folder, so that the app's storage and the Stripe objects it refers to are kept, and deleted, together.</summary>
    public const string StripeStateDirectory = DataDirectory + "/stripe-emulator";

    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var demo = new Option<bool>("--demo")
        {
            Description = "After startup, run a scripted scenario (upload a generated usage file, post meter events including a duplicate and rejects, wait for the usage, print each customer's usage and what was refused), then stop and exit 0.",
        };
        var command = new Command(
            "up",
            $"Run everything locally in one command: create {LocalSettings.FileName} from the sample when missing (with a copy of the sample catalog in {LocalCatalog.PreparedPath} whose subscriptions start in the current month), check the catalog, start the Stripe emulator with the catalog's customers when no {LocalSettings.StripeApiKey} is set (its state kept in {StripeStateDirectory}/ across restarts), start Azurite (data in {DataDirectory}/) and the app on the --url port, print the URLs and the host key, then run until Ctrl+C or SIGTERM. Settings come from {LocalSettings.FileName}.")
        {
            demo,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var port = global.Resolve(parse, environment).Url switch
            {
                { IsLoopback: true, Port: var p } => p,
                var url => throw new CliException(ExitCodes.Usage, $"up serves on this machine only: --url must be a loopback address such as {CliSettings.DefaultUrl}; got {url}."),
            };
            return RunAsync(environment, port, parse.GetValue(demo), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, int port, bool demo, CancellationToken cancellationToken)
    {
        var output = environment.Out;
        var root = environment.RepositoryRoot
            ?? throw new CliException(ExitCodes.Failed, "up runs the app from its repository: run it inside the checkout (./run.sh).");
        output.WriteLine($"billing up: {root}");
        var prepared = await LocalSettings.PrepareAsync(root, environment.Time, cancellationToken).ConfigureAwait(false);
        if (prepared.Created)
        {
            output.WriteLine($"  created {LocalSettings.FileName} from {LocalSettings.SampleFileName} (git-ignored; edit it to change settings)");
        }

        if (prepared.KeyGenerated)
        {
            output.WriteLine($"  generated a host key: Values.{LocalSettings.HostKey} in {LocalSettings.FileName}");
        }

        if (prepared.Catalog is { } copy)
        {
            output.WriteLine($"  {copy.Describe()}");
        }

        var settings = prepared.Settings;
        var catalogPath = settings[LocalSettings.CatalogPath] ?? LocalCatalog.DefaultPath;
        var catalog = LoadCatalog(output, root, catalogPath);
        WarnAboutCatchUp(output, LocalCatalog.CheckCatchUp(catalog, settings, environment.Time.GetUtcNow()), catalogPath);

        var started = environment.Time.GetTimestamp();
        output.WriteLine(LocalStripe.UsesEmulator(settings)
            ? $"starting the Stripe emulator (no {LocalSettings.StripeApiKey} configured), Azurite (data in {DataDirectory}/) and the app…"
            : $"starting Azurite (data in {DataDirectory}/) and the app…");
        // Disposed in reverse order: the app stops before the emulator it calls.
        await using var stripe = await LocalStripe.StartAsync(settings, catalog, Path.Combine(root, StripeStateDirectory), environment.Time, cancellationToken).ConfigureAwait(false);
        // The app's warnings and errors (a subscription held back, a failed function) are shown
        // here as well as in the log, which nobody reads while things seem to work.
        await using var host = environment.CreateHost(
            new AppHostOptions(root, stripe.AppSettings, port, DataDirectory, Path.Combine(root, LogFile), Alerts: line => output.WriteLine($"app {line}")));
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        stripe.ConnectWebhook(host.BaseAddress);
        output.WriteLine($"ready in {environment.Time.GetElapsedTime(started).TotalSeconds:0.0} s");
        WriteWhereThingsAre(output, host, stripe, testClock: bool.TryParse(settings[LocalSettings.TestClock], out var on) && on);

        if (demo)
        {
            using var api = new ApiClient(new CliSettings(host.BaseAddress, host.HostKey, host.StorageConnectionString));
            var uploader = new UsageUploader(StorageConnection.Blobs(host.StorageConnectionString), environment);
            var code = await new DemoScenario(api, uploader, environment, DashboardUrl(host)).RunAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine("stopping…");
            return code;
        }

        output.WriteLine();
        output.WriteLine("running; Ctrl+C (or SIGTERM) stops it.");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, environment.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine("stopping…");
        }

        return ExitCodes.Ok;
    }

    private static BillingCatalog LoadCatalog(TextWriter output, string root, string path)
    {
        try
        {
            var catalog = CatalogLoader.Load(Path.Combine(root, path));
            output.WriteLine(
                $"  catalog {path}: {catalog.Meters.Count} meters, {catalog.Prices.Count} prices, " +
                $"{catalog.Customers.Count} customers ({string.Join(", ", catalog.Customers.Select(c => c.Id))}), {catalog.Subscriptions.Count} subscriptions");
            return catalog;
        }
        catch (CatalogException e)
        {
            throw new CliException(ExitCodes.Failed, $"the catalog {path} is invalid:\n{string.Join('\n', e.Errors)}");
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.Failed, $"cannot read the catalog {path}: {e.Message}");
        }
    }

    /// <summary>Subscriptions the app will hold back: more periods have ended since their anchor than it invoices at once.</summary>
    private static void WarnAboutCatchUp(TextWriter output, CatchUpCheck check, string catalogPath)
    {
        if (check.Behind.Count == 0)
        {
            return;
        }

        var width = check.Behind.Max(b => b.Id.Length);
        output.WriteLine($"  warning: more periods have ended than the app invoices at once ({LocalSettings.MaxCatchUpPeriods} = {check.Limit}):");
        foreach (var behind in check.Behind)
        {
            output.WriteLine($"    {behind.Id.PadRight(width)}  {behind.Periods} periods, {LocalCatalog.Text(behind.From)} to {LocalCatalog.Text(behind.To)}");
        }

        var most = check.Behind.Max(b => b.Periods);
        output.WriteLine("  ClosePeriods sends nothing for them, not even their subscription_create invoice, and says so (app warn: below),");
        output.WriteLine("  unless an earlier run invoiced those periods already. To invoice them, set");
        output.WriteLine($"  Values.{LocalSettings.MaxCatchUpPeriods} in {LocalSettings.FileName} to {most} or more; to bill from this month instead,");
        output.WriteLine($"  set their billing_cycle_anchor in {catalogPath} to {LocalCatalog.Text(check.CurrentMonth)}.");
    }

    /// <summary>The spend dashboard with the host key as <c>code</c>: a browser cannot send the key header.</summary>
    internal static Uri DashboardUrl(IAppHost host) => new(host.BaseAddress, $"api/dashboard?code={Uri.EscapeDataString(host.HostKey)}");

    private static void WriteWhereThingsAre(TextWriter output, IAppHost host, LocalStripe stripe, bool testClock)
    {
        var api = new Uri(host.BaseAddress, "api");
        var key = host.HostKey;
        output.WriteLine();
        output.WriteLine($"  API        {api}");
        output.WriteLine($"  OpenAPI    {new Uri(host.BaseAddress, "api/openapi.json")}");
        output.WriteLine($"  dashboard  {DashboardUrl(host)}   (open it in a browser; the key is in the URL)");
        output.WriteLine($"  host key   {key}   (header {ApiClient.KeyHeader}; the CLI reads it from {LocalSettings.FileName})");
        output.WriteLine($"  storage    {StorageConnection.Blobs(host.StorageConnectionString).Uri} (blob endpoint)");
        foreach (var line in stripe.Describe(host.BaseAddress))
        {
            output.WriteLine($"  {line}");
        }

        output.WriteLine($"  app log    {LogFile} (its warnings and errors are printed here too, as `app warn: …`)");
        output.WriteLine();
        output.WriteLine("next steps, in another terminal:");
        output.WriteLine("  ./billing upload --sample     upload a freshly generated usage file and wait for its summary");
        output.WriteLine("  ./billing upload <files…>     upload your own usage files (JSON Lines or CSV, optionally .gz)");
        output.WriteLine("  ./billing usage cus_A         cus_A's usage, amounts and threshold progress");
        output.WriteLine("  ./billing invoices            the invoices so far (seats, threshold, cycle) and their Stripe status");
        if (testClock)
        {
            output.WriteLine("  ./billing clock advance +31d  move the test clock on: periods that end close, and their cycle invoices follow");
        }

        output.WriteLine($"  curl -H '{ApiClient.KeyHeader}: {key}' {api}/customers/cus_A/usage");
        output.WriteLine($"  curl -X POST -H '{ApiClient.KeyHeader}: {key}' {api}/customers/cus_A/portal_links   a read-only portal link for cus_A's admin (1 h)");
        if (stripe.EmulatorAddress is { } emulator)
        {
            output.WriteLine($"  curl {emulator}_emulator/events   the Stripe events the emulator sent to the app, with their deliveries");
        }
    }
}

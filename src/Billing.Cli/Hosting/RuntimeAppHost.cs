using Billing.LocalDev.Azurite;
using Billing.LocalRuntime.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.Cli.Hosting;

/// <summary>
/// Runs the app the way the Functions host would, locally: Azurite (<see cref="AzuriteServer"/>,
/// persistent under <c>.azurite/</c> on its default ports, or in memory for tests), then the local
/// trigger runtime (<see cref="LocalFunctionsHost"/>): the Billing.Functions handler, its blob,
/// queue and timer triggers, and the HTTP front with function keys.
/// </summary>
internal sealed class RuntimeAppHost(AppHostOptions options) : IAppHost
{
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private readonly AppOutput output = new(options.LogFile, options.Alerts);
    private ILoggerFactory? loggers;
    private AzuriteServer? azurite;
    private LocalFunctionsHost? host;

    public Uri BaseAddress => host?.BaseAddress ?? throw new InvalidOperationException("The app has not started.");

    public string HostKey => host?.HostKey ?? options.Settings.GetValueOrDefault(LocalSettings.HostKey) ?? string.Empty;

    public string StorageConnectionString { get; private set; } = DevelopmentStorage;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = options.Port;
        if (port != 0 && !LoopbackPorts.IsFree(port))
        {
            throw new CliException(ExitCodes.Failed, $"port {port} is in use: is `billing up` already running? (--url http://127.0.0.1:<port> picks another port)");
        }

        StorageConnectionString = await StartStorageAsync(cancellationToken).ConfigureAwait(false);
        // The runtime's own entries join the app's output: a trigger that fails is shown on the console.
        // The handler's lines come through HandlerOutput as they are, so its category is left out here.
        loggers = LoggerFactory.Create(b => b
            .AddProvider(new AppOutputLoggerProvider(output))
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter(LocalHostOptions.HandlerOutputCategory, LogLevel.None));
        try
        {
            host = await LocalFunctionsHost.StartAsync(
                new LocalHostOptions
                {
                    AppDirectory = FunctionsApp.Directory(options.RepositoryRoot),
                    RepositoryRoot = options.RepositoryRoot,
                    Settings = options.Settings.ToDictionary(s => s.Key, s => (string?)s.Value),
                    StorageConnectionString = StorageConnectionString,
                    HttpPort = port,
                    HandlerOutput = output.Write,
                    LoggerFactory = loggers,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            throw new CliException(ExitCodes.Failed, $"the app did not start: {e.Message}\n{output.Tail()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Each step runs whatever the one before threw: Azurite must never outlive the CLI.
        try
        {
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                if (azurite is not null)
                {
                    await azurite.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                loggers?.Dispose();
                output.Dispose();
            }
        }
    }

    private async Task<string> StartStorageAsync(CancellationToken cancellationToken)
    {
        var configured = options.Settings.GetValueOrDefault(LocalSettings.Storage) is { Length: > 0 } value ? value : DevelopmentStorage;
        if (options.DataDirectory is null)
        {
            azurite = await AzuriteServer.StartAsync(repositoryRoot: options.RepositoryRoot, cancellationToken: cancellationToken).ConfigureAwait(false);
            return azurite.ConnectionString;
        }

        if (!configured.Equals(DevelopmentStorage, StringComparison.OrdinalIgnoreCase))
        {
            return configured; // storage of its own (another emulator, an Azure account): nothing to start
        }

        // UseDevelopmentStorage=true means Azurite's default ports, so the CLI's commands and any
        // storage tool find it without being told.
        int[] ports = [10000, 10001, 10002];
        if (!ports.All(LoopbackPorts.IsFree))
        {
            throw new CliException(ExitCodes.Failed, "Azurite's default ports (10000-10002) are in use: stop the other Azurite (or `billing up`), or set AzureWebJobsStorage in local.settings.json to its connection string.");
        }

        azurite = await AzuriteServer.StartAsync(
            Path.Combine(options.RepositoryRoot, options.DataDirectory),
            options.RepositoryRoot,
            ports[0],
            ports[1],
            ports[2],
            cancellationToken).ConfigureAwait(false);
        return configured;
    }
}

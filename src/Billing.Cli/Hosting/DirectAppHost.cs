using System.Diagnostics;
using Billing.Cli.Upload;
using Billing.LocalRuntime;
using Billing.LocalRuntime.Azurite;

namespace Billing.Cli.Hosting;

/// <summary>
/// Runs the app without the local trigger runtime: Azurite (<see cref="AzuriteServer"/>), then the
/// Billing.Functions executable serving its HTTP endpoints directly on the front's port
/// (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, settings as environment variables, as the Functions host
/// starts a custom handler), then <see cref="BlobTriggerPoller"/> for the blob trigger.
/// Interim, until LocalFunctionsHost lands (<see cref="AppHosts"/>): it does not check function
/// keys (<see cref="HostKey"/> is reported, not enforced) and does not drive the queue and timer
/// triggers (threshold checks and period closes wait in their queue / for the runtime).
/// </summary>
internal sealed class DirectAppHost(AppHostOptions options, TimeProvider time) : IAppHost
{
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly AppOutput output = new(options.LogFile);
    private AzuriteServer? azurite;
    private Process? app;
    private HttpClient? invocations;
    private BlobTriggerPoller? poller;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string HostKey => options.Settings.GetValueOrDefault(LocalSettings.HostKey) ?? string.Empty;

    public string StorageConnectionString { get; private set; } = DevelopmentStorage;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = options.Port == 0 ? LoopbackPorts.PickFree() : options.Port;
        if (!LoopbackPorts.IsFree(port))
        {
            throw new CliException(ExitCodes.Failed, $"port {port} is in use: is `billing up` already running? (--url http://127.0.0.1:<port> picks another port)");
        }

        StorageConnectionString = await StartStorageAsync(cancellationToken).ConfigureAwait(false);
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        app = StartApp(port);
        invocations = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        await WaitUntilAnsweringAsync(app, cancellationToken).ConfigureAwait(false);
        poller = BlobTriggerPoller.Start(StorageConnection.Blobs(StorageConnectionString), invocations, output, time);
    }

    public async ValueTask DisposeAsync()
    {
        if (poller is not null)
        {
            await poller.DisposeAsync().ConfigureAwait(false);
        }

        if (app is not null)
        {
            await GracefulStop.StopAsync(app, StopGrace).ConfigureAwait(false);
            app.Dispose();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
        }

        invocations?.Dispose();
        output.Dispose();
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

    private Process StartApp(int port)
    {
        var (fileName, arguments) = FunctionsApp.Locate(options.RepositoryRoot);
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = options.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.Settings)
        {
            info.Environment[name] = value;
        }

        info.Environment[LocalSettings.Storage] = StorageConnectionString;
        info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => output.Write(e.Data);
        process.ErrorDataReceived += (_, e) => output.Write(e.Data);
        if (!process.Start())
        {
            throw new CliException(ExitCodes.Failed, $"could not start {fileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilAnsweringAsync(Process process, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new CliException(ExitCodes.Failed, $"the app exited with code {process.ExitCode} while starting:\n{output.Tail()}");
            }

            try
            {
                using var response = await probe.GetAsync("api/openapi.json", cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // slow first answer
            }

            if (time.GetElapsedTime(started) > StartTimeout)
            {
                throw new CliException(ExitCodes.Failed, $"the app did not answer at {BaseAddress} within {StartTimeout.TotalSeconds:0} s:\n{output.Tail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }
    }
}

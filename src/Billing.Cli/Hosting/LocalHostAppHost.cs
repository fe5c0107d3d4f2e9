using System.Diagnostics;
using System.Text.Json;
using Billing.LocalDev;
using Billing.LocalDev.Azurite;

namespace Billing.Cli.Hosting;

/// <summary>
/// Runs the app the way the Functions host would, locally: Azurite (<see cref="AzuriteServer"/>,
/// persistent under <c>.azurite/</c> on its default ports, or in memory for tests), then the local
/// Functions host (tools/Billing.LocalHost) as a child process: the app's functions in-process
/// there, their blob, queue and timer triggers, the Durable worker, and the HTTP front with
/// function keys. The app settings go to it on stdin (they hold this run's Stripe secrets, which
/// a command line would show to every user of the machine). It never outlives the CLI
/// (<see cref="ExitWithParent"/>), and stops with SIGTERM, which it answers by draining.
/// </summary>
internal sealed class LocalHostAppHost(AppHostOptions options) : IAppHost
{
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>How long the host gets to start: the first start after a build also creates the task hub.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The host drains for up to 30 s on SIGTERM; then it is killed.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(40);

    /// <summary>The line the host prints once it serves, followed by its address (LocalHostProgram.ReadyPrefix).</summary>
    private const string ReadyPrefix = "Billing.LocalHost ready at ";

    private readonly AppOutput output = new(options.LogFile, options.Alerts);
    private readonly TaskCompletionSource<Uri> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AzuriteServer? azurite;
    private Process? process;
    private ExitWithParent? guard;

    public Uri BaseAddress => ready.Task.IsCompletedSuccessfully ? ready.Task.Result : throw new InvalidOperationException("The app has not started.");

    public string HostKey => options.Settings.GetValueOrDefault(LocalSettings.HostKey) ?? string.Empty;

    public string StorageConnectionString { get; private set; } = DevelopmentStorage;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = options.Port;
        if (port != 0 && !LoopbackPorts.IsFree(port))
        {
            throw new CliException(ExitCodes.Failed, $"port {port} is in use: is `billing up` already running? (--url http://127.0.0.1:<port> picks another port)");
        }

        StorageConnectionString = await StartStorageAsync(cancellationToken).ConfigureAwait(false);
        var settings = options.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings[LocalSettings.Storage] = StorageConnectionString;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = options.RepositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { LocalHostExecutable.Path(options.RepositoryRoot), "--root", options.RepositoryRoot, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--settings", "-" })
        {
            info.ArgumentList.Add(argument);
        }

        process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        try
        {
            process.Start();
            guard = ExitWithParent.Watch(process, StopGrace);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(settings).AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            var exited = process.WaitForExitAsync(timeout.Token);
            await Task.WhenAny(ready.Task, exited).ConfigureAwait(false);
            if (!ready.Task.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new CliException(ExitCodes.Failed, $"the app did not start{(process.HasExited ? $" (exit {process.ExitCode})" : $" within {StartTimeout.TotalSeconds:0} s")}:\n{output.Tail()}");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            throw new CliException(ExitCodes.Failed, $"the app did not start: {e.Message}\n{output.Tail()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Each step runs whatever the one before threw: neither the host nor Azurite may outlive the CLI.
        try
        {
            if (process is not null)
            {
                try
                {
                    // SIGTERM: the host stops taking work, lets what runs finish (30 s at most), then exits.
                    await GracefulStop.StopAsync(process, StopGrace).ConfigureAwait(false);
                }
                catch (InvalidOperationException)
                {
                    // Never started.
                }
            }
        }
        finally
        {
            try
            {
                guard?.Dispose();
                process?.Dispose();
                if (azurite is not null)
                {
                    await azurite.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                output.Dispose();
            }
        }
    }

    private void OnLine(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not { } line)
        {
            return;
        }

        if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal) && Uri.TryCreate(line[ReadyPrefix.Length..], UriKind.Absolute, out var address))
        {
            ready.TrySetResult(address);
            return;
        }

        output.Write(line);
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

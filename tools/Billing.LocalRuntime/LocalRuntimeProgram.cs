using Billing.LocalDev;
using Billing.LocalDev.Settings;
using Billing.LocalDev.Azurite;
using System.Globalization;
using System.Runtime.InteropServices;
using Billing.LocalRuntime.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.LocalRuntime;

/// <summary>
/// <c>dotnet run --project tools/Billing.LocalRuntime -- [--app DIR] [--port N] [--root DIR] [--azurite]</c>:
/// runs the app like <c>func start</c> until Ctrl+C or SIGTERM. Settings come from the repository's
/// local.settings.json (created from local.settings.sample.json, with a new host key, when missing).
/// Its child processes (the handler, Azurite) end with it, however it ends (<see cref="ExitWithParent"/>).
/// </summary>
internal static partial class LocalRuntimeProgram
{
    private const string Usage =
        "usage: Billing.LocalRuntime [--app DIR] [--port N] [--root DIR] [--azurite]\n" +
        "  --app      the app's build output (host.json, handler, function folders); default src/Billing.Functions/bin/<Debug|Release>/net10.0\n" +
        "  --port     HTTP port on 127.0.0.1 (0: a free one); default 7071\n" +
        "  --root     repository root (local.settings.json, working directory); default: found from the current directory\n" +
        "  --azurite  start an in-memory Azurite on free ports as the storage (instead of AzureWebJobsStorage); its data ends with the run";

    public static async Task<int> Main(string[] args)
    {
        string? app = null, root = null;
        var port = LocalHostOptions.DefaultHttpPort;
        var startAzurite = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--app" when value is not null:
                    app = value;
                    i++;
                    break;
                case "--root" when value is not null:
                    root = value;
                    i++;
                    break;
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                    port = parsed;
                    i++;
                    break;
                case "--azurite":
                    startAzurite = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 2;
            }
        }

        root = Path.GetFullPath(root ?? RepositoryRoot.Find());
        app ??= BuiltApp.Find(root);
        using var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        // Disposed after the host, which uses it.
        await using var azurite = startAzurite ? await AzuriteServer.StartAsync(repositoryRoot: root, cancellationToken: stop.Token).ConfigureAwait(false) : null;
        if (azurite is not null)
        {
            LogAzurite(loggers.CreateLogger(typeof(LocalRuntimeProgram).FullName!), azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        }

        await using var host = await LocalFunctionsHost.StartAsync(
            new LocalHostOptions
            {
                AppDirectory = app,
                RepositoryRoot = root,
                Settings = LocalSettingsFile.LoadOrCreate(root),
                StorageConnectionString = azurite?.ConnectionString,
                HttpPort = port,
                LoggerFactory = loggers,
            },
            stop.Token).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Azurite (in memory) listening on 127.0.0.1: blob {BlobPort}, queue {QueuePort}, table {TablePort}")]
    private static partial void LogAzurite(ILogger logger, int blobPort, int queuePort, int tablePort);
}

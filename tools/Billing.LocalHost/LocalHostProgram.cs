using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Billing.Functions.Hosting;
using Billing.LocalDev;
using Billing.LocalDev.Azurite;
using Billing.LocalDev.Settings;
using Billing.LocalHost.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Billing.LocalHost;

/// <summary>
/// <c>dotnet tools/Billing.LocalHost/bin/Debug/net10.0/Billing.LocalHost.dll [--app DIR] [--port N] [--root DIR] [--azurite] [--settings -]</c>:
/// runs the Billing.Functions app like <c>func start</c> until Ctrl+C or SIGTERM, then drains.
/// Settings come from the repository's local.settings.json (created from local.settings.sample.json,
/// with a new host key, when missing), or from stdin. Errors, poisoned work and failed functions
/// are printed on stderr (<c>fail:</c>/<c>warn:</c>); once it serves, it prints
/// <see cref="ReadyPrefix"/> and its address on stdout. What it starts (Azurite) ends with it,
/// however it ends (<see cref="ExitWithParent"/>).
/// </summary>
public static partial class LocalHostProgram
{
    /// <summary>The stdout line that says the host serves, followed by its base address (e.g. <c>http://127.0.0.1:7071/</c>).</summary>
    public const string ReadyPrefix = "Billing.LocalHost ready at ";

    private const string Usage =
        "usage: Billing.LocalHost [--app DIR [--configure TYPE.METHOD]] [--port N] [--root DIR] [--azurite] [--settings -]\n" +
        "  --app       the app's build output (functions.metadata, host.json); default: Billing.Functions, built with this host\n" +
        "  --configure another app's wiring: a public static method of its assembly taking an IHostApplicationBuilder; default: AddBillingApp\n" +
        "  --port      HTTP port on 127.0.0.1 (0: a free one); default 7071\n" +
        "  --root      repository root (local.settings.json, working directory); default: found from the current directory\n" +
        "  --azurite   start an in-memory Azurite on free ports as the storage (instead of AzureWebJobsStorage); its data ends with the run\n" +
        "  --settings  '-': read the app settings (a JSON object, local.settings.json's Values) from stdin instead of local.settings.json";

    public static Task<int> Main(string[] args) =>
        RunAsync(args, app => app.Services.AddBillingApp(app.Configuration), AppContext.BaseDirectory);

    /// <summary>Runs a host for the app that <paramref name="configureApp"/> wires (a test app runs its own functions this way).</summary>
    /// <param name="defaultAppDirectory">The app directory when <c>--app</c> is not given.</param>
    public static async Task<int> RunAsync(string[] args, Action<IHostApplicationBuilder> configureApp, string defaultAppDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? app = null, root = null, configure = null;
        var port = LocalHostOptions.DefaultHttpPort;
        var startAzurite = false;
        var settingsFromStdin = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--app" when value is not null:
                    app = value;
                    i++;
                    break;
                case "--configure" when value is not null:
                    configure = value;
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
                case "--settings" when value == "-":
                    settingsFromStdin = true;
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

        root = Path.GetFullPath(root ?? FindRoot());
        app = Path.GetFullPath(app ?? defaultAppDirectory);

        // As the old runtime ran the handler: relative settings (the catalog path) are relative to the repository.
        Directory.SetCurrentDirectory(root);
        using var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Warning)
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("DurableTask", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .AddFilter("Azure", LogLevel.Warning));
        var logger = loggers.CreateLogger(typeof(LocalHostProgram).FullName!);
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            if (configure is not null)
            {
                configureApp = ConfigureMethod(app, configure);
            }

            var settings = settingsFromStdin ? await ReadSettingsAsync(stop.Token).ConfigureAwait(false) : LocalSettingsFile.LoadOrCreate(root);

            // Disposed after the host, which uses it.
            await using var azurite = startAzurite ? await AzuriteServer.StartAsync(repositoryRoot: root, cancellationToken: stop.Token).ConfigureAwait(false) : null;
            if (azurite is not null)
            {
                LogAzurite(logger, azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
            }

            var host = await LocalFunctionsHost.StartAsync(
                new LocalHostOptions
                {
                    AppDirectory = app,
                    ConfigureApp = configureApp,
                    RepositoryRoot = root,
                    Settings = settings,
                    StorageConnectionString = azurite?.ConnectionString,
                    HttpPort = port,
                    LoggerFactory = loggers,
                },
                stop.Token).ConfigureAwait(false);
            await using (host.ConfigureAwait(false))
            {
                await Console.Out.WriteLineAsync(ReadyPrefix + host.BaseAddress).ConfigureAwait(false);
                await Console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0; // stopped while starting
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Metadata.FunctionAppModelException or JsonException)
        {
            LogStartFailed(logger, e, ErrorText.Of(e));
            return 1;
        }
    }

    /// <summary>The app's wiring method named by <c>--configure</c>, from the assembly its functions.metadata names.</summary>
    private static Action<IHostApplicationBuilder> ConfigureMethod(string appDirectory, string name)
    {
        using var metadata = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(appDirectory, Metadata.FunctionAppModel.MetadataFileName)));
        var scriptFile = metadata.RootElement.EnumerateArray().Select(f => f.GetProperty("scriptFile").GetString()).FirstOrDefault(s => s is not null)
            ?? throw new InvalidOperationException($"{appDirectory}: functions.metadata names no scriptFile.");
        var assembly = Invocation.AppAssemblies.Load(Path.Combine(appDirectory, scriptFile));
        var dot = name.LastIndexOf('.');
        var method = (dot > 0 ? assembly.GetType(name[..dot]) : null)?.GetMethod(name[(dot + 1)..], [typeof(IHostApplicationBuilder)])
            ?? throw new InvalidOperationException($"--configure {name}: no public static method {name}(IHostApplicationBuilder) in {assembly.GetName().Name}.");
        return method.CreateDelegate<Action<IHostApplicationBuilder>>();
    }

    private static string FindRoot()
    {
        try
        {
            return RepositoryRoot.Find();
        }
        catch (InvalidOperationException)
        {
            return Directory.GetCurrentDirectory();
        }
    }

    private static async Task<IReadOnlyDictionary<string, string?>> ReadSettingsAsync(CancellationToken cancellationToken)
    {
        var text = await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<Dictionary<string, string?>>(text)
            ?? throw new JsonException("The settings on stdin must be a JSON object of strings.");
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Azurite (in memory) listening on 127.0.0.1: blob {BlobPort}, queue {QueuePort}, table {TablePort}")]
    private static partial void LogAzurite(ILogger logger, int blobPort, int queuePort, int tablePort);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Critical, Message = "The local Functions host could not start: {Error}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string error);
}

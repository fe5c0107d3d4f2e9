using Billing.LocalDev;
using Billing.LocalDev.Settings;
using Billing.LocalDev.Azurite;
using System.Collections.Concurrent;
using System.Net;
using Billing.LocalRuntime.Handler;
using Billing.LocalRuntime.Http;
using Billing.LocalRuntime.Model;
using Billing.LocalRuntime.Triggers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.LocalRuntime.Hosting;

/// <summary>
/// The local trigger runtime: what the Azure Functions host does for a custom-handler app, against
/// any storage account (Azurite locally). It reads the app directory's host.json and function.json
/// files, runs and supervises the handler executable, drives its blob, queue and timer functions
/// with the documented invocation payloads, and serves its HTTP functions (with key checks) at
/// <see cref="BaseAddress"/>. Any number of hosts may share one storage account: each blob version,
/// queue message and timer occurrence runs once among them.
/// </summary>
/// <example>
/// <code>
/// await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
/// {
///     AppDirectory = "src/Billing.Functions/bin/Debug/net10.0",
///     Settings = LocalSettingsFile.LoadOrCreate(repositoryRoot),
/// }, cancellationToken);
/// Console.WriteLine($"{host.BaseAddress}api/… with x-functions-key: {host.HostKey}");
/// </code>
/// </example>
public sealed partial class LocalFunctionsHost : IAsyncDisposable
{
    /// <summary>The setting holding the host storage connection string, as in Functions.</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    private readonly ConcurrentQueue<InvocationRecord> invocations;
    private readonly CancellationTokenSource stopping;
    private readonly HttpClient http;
    private readonly HandlerProcess handler;
    private readonly IReadOnlyList<ITriggerListener> listeners;
    private readonly HttpFront front;
    private readonly ILogger logger;
    private int stopped;

    private LocalFunctionsHost(
        FunctionAppModel app,
        string instanceId,
        string hostKey,
        ConcurrentQueue<InvocationRecord> invocations,
        CancellationTokenSource stopping,
        HttpClient http,
        HandlerProcess handler,
        IReadOnlyList<ITriggerListener> listeners,
        HttpFront front,
        ILogger logger)
    {
        App = app;
        InstanceId = instanceId;
        HostKey = hostKey;
        this.invocations = invocations;
        this.stopping = stopping;
        this.http = http;
        this.handler = handler;
        this.listeners = listeners;
        this.front = front;
        this.logger = logger;
    }

    /// <summary>The HTTP front, e.g. <c>http://127.0.0.1:7071/</c>; HTTP functions are under <c>api/</c>.</summary>
    public Uri BaseAddress => front.BaseAddress;

    /// <summary>The key HTTP functions with authLevel function or admin require (header <c>x-functions-key</c> or query <c>code</c>).</summary>
    public string HostKey { get; }

    /// <summary>This runtime's name in receipts, logs and <see cref="Invocations"/>.</summary>
    public string InstanceId { get; }

    /// <summary>The app as read from its directory.</summary>
    public FunctionAppModel App { get; }

    /// <summary>Every non-HTTP invocation this runtime made, oldest first (a snapshot).</summary>
    public IReadOnlyList<InvocationRecord> Invocations => invocations.ToArray();

    /// <summary>The custom handler's process id; null while it restarts.</summary>
    public int? HandlerProcessId => handler.ProcessId;

    /// <summary>How many times the handler has been started: 1, plus one per restart after it died.</summary>
    public int HandlerStarts => handler.Starts;

    /// <summary>
    /// Starts the handler and every enabled trigger; returns once the handler answers, the HTTP
    /// front listens, and each timer has made its start-up check (running a missed occurrence once,
    /// past due, when its schedule monitor shows one).
    /// </summary>
    /// <exception cref="FunctionAppModelException">host.json or a function.json is malformed.</exception>
    /// <exception cref="InvalidOperationException">No storage connection, or the handler did not start.</exception>
    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger<LocalFunctionsHost>();
        var settings = new AppSettings(options.Settings);
        var storageConnection = options.StorageConnectionString ?? settings.Get(StorageSetting)
            ?? throw new InvalidOperationException($"Set {StorageSetting} (UseDevelopmentStorage=true for Azurite) or LocalHostOptions.StorageConnectionString.");
        var app = FunctionAppModel.Load(options.AppDirectory, settings);
        var instanceId = options.InstanceId ?? Guid.NewGuid().ToString("N")[..12];
        var hostKey = settings.Get(LocalSettingsFile.HostKeySetting) is { Length: > 0 } key ? key : LocalSettingsFile.NewKey();

        var environment = settings.Values
            .Where(p => !string.Equals(p.Key, LocalSettingsFile.HostKeySetting, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        environment[StorageSetting] = storageConnection;

        var invocations = new ConcurrentQueue<InvocationRecord>();
        var stopping = new CancellationTokenSource();
        var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var handler = new HandlerProcess(
            app,
            WorkingDirectory(app, options),
            environment,
            http,
            options.HandlerStartTimeout,
            loggers.CreateLogger("Billing.LocalRuntime.Handler"),
            loggers.CreateLogger(LocalHostOptions.HandlerOutputCategory),
            options.HandlerOutput);
        var listeners = new List<ITriggerListener>();
        HttpFront? front = null;
        try
        {
            await handler.StartAsync(cancellationToken).ConfigureAwait(false);
            var invoker = new FunctionInvoker(handler, http, app.Host.FunctionTimeout, instanceId, options.TimeProvider, invocations.Enqueue, loggers.CreateLogger<FunctionInvoker>());
            var hostStorage = new RuntimeStorage(storageConnection);
            var receipts = hostStorage.Tables.GetTableClient(RuntimeStorage.ReceiptsTable);
            foreach (var function in app.Functions.Where(f => !f.Disabled))
            {
                ITriggerListener? listener = function.Trigger switch
                {
                    BlobTriggerBinding blob => new BlobTriggerListener(
                        function, app.Host.Blobs, Storage(blob.Connection).Blobs, Storage(blob.Connection).Queues, receipts, invoker,
                        options.TimeProvider, options.BlobScanInterval, options.ReceiptLease, instanceId, loggers.CreateLogger<BlobTriggerListener>()),
                    QueueTriggerBinding queue => new QueueTriggerListener(
                        function, app.Host.Queues, Storage(queue.Connection).Queues, invoker, options.QueuePollingInterval, options.QueueMessageLease,
                        loggers.CreateLogger<QueueTriggerListener>()),
                    TimerTriggerBinding => new TimerTriggerListener(
                        function, hostStorage.Blobs, invoker, options.TimeProvider, options.TimerLockLease, loggers.CreateLogger<TimerTriggerListener>()),
                    _ => null,
                };
                if (listener is not null)
                {
                    await listener.StartAsync(stopping.Token).ConfigureAwait(false);
                    listeners.Add(listener);
                }
            }

            front = await HttpFront.StartAsync(app, handler, http, hostKey, options.HttpPort, loggers, cancellationToken).ConfigureAwait(false);
            var host = new LocalFunctionsHost(app, instanceId, hostKey, invocations, stopping, http, handler, listeners, front, logger);
            LogStarted(logger, instanceId, front.BaseAddress, hostKey, host.Describe());
            return host;
        }
        catch
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(listeners.Select(l => l.Completion)).ConfigureAwait(false);
            if (front is not null)
            {
                await front.DisposeAsync().ConfigureAwait(false);
            }

            await handler.DisposeAsync().ConfigureAwait(false);
            http.Dispose();
            stopping.Dispose();
            throw;
        }

        RuntimeStorage Storage(string connection)
        {
            if (string.Equals(connection, StorageSetting, StringComparison.OrdinalIgnoreCase))
            {
                return new RuntimeStorage(storageConnection);
            }

            return new RuntimeStorage(settings.Get(connection) ?? settings.Get($"AzureWebJobs{connection}")
                ?? throw new InvalidOperationException($"The connection setting '{connection}' named by a trigger is not set."));
        }
    }

    /// <summary>
    /// Polls every blob and queue trigger now (a container scan, a queue receive) and completes
    /// once each poll has been made and the work it found dispatched — not when that work ends.
    /// </summary>
    public Task ScanNowAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(listeners.Select(l => l.PollNowAsync(cancellationToken)));

    /// <summary>Runs a timer function now, outside its schedule, as the Functions admin API does (IsPastDue false).</summary>
    /// <exception cref="ArgumentException">No enabled timer function has this name.</exception>
    /// <exception cref="InvalidOperationException">Another runtime is running it (holds its lock).</exception>
    public async Task<InvocationRecord> RunTimerAsync(string functionName, CancellationToken cancellationToken = default)
    {
        var timer = listeners.OfType<TimerTriggerListener>().FirstOrDefault(l => string.Equals(l.Function, functionName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No enabled timer function '{functionName}'.", nameof(functionName));
        return await timer.RunNowAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{functionName} is running in another runtime (it holds the timer's lock).");
    }

    /// <summary>
    /// Stops: no new work is taken, invocations in flight are cancelled (a blob's claim is given
    /// back without spending a try; a queue message becomes visible again), the HTTP front closes
    /// and the handler process is ended. Idempotent.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        // Each step runs whatever the one before did: the handler process must never outlive the runtime.
        try
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(listeners.Select(l => l.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await front.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                await handler.DisposeAsync().ConfigureAwait(false);
                http.Dispose();
                stopping.Dispose();
            }
        }

        LogStopped(logger, InstanceId);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static string WorkingDirectory(FunctionAppModel app, LocalHostOptions options)
    {
        if (app.Host.WorkingDirectory is { } configured)
        {
            return Path.GetFullPath(Path.Combine(app.AppDirectory, configured));
        }

        if (options.RepositoryRoot is { } root)
        {
            return Path.GetFullPath(root);
        }

        try
        {
            return LocalDev.RepositoryRoot.Find();
        }
        catch (InvalidOperationException)
        {
            return app.AppDirectory;
        }
    }

    private string Describe() => string.Join('\n', App.Functions.Select(f => $"  {f.Name}: {f.Trigger switch
    {
        HttpTriggerBinding h => $"[{string.Join(',', h.Methods ?? ["*"])}] {BaseAddress}{(App.Host.RoutePrefix.Length == 0 ? string.Empty : App.Host.RoutePrefix + "/")}{h.Route} (auth: {h.AuthLevel})",
        BlobTriggerBinding b => $"blobTrigger {b.Container}/{b.NamePrefix}{{name}}{b.NameSuffix}",
        QueueTriggerBinding q => $"queueTrigger {q.QueueName}",
        TimerTriggerBinding t => $"timerTrigger {t.Schedule}",
        _ => f.Trigger.GetType().Name,
    }}{(f.Disabled ? " (disabled)" : string.Empty)}"));

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Local Functions runtime {InstanceId} listening at {BaseAddress} (host key: {HostKey})\nFunctions:\n{Functions}")]
    private static partial void LogStarted(ILogger logger, string instanceId, Uri baseAddress, string hostKey, string functions);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Local Functions runtime {InstanceId} stopped")]
    private static partial void LogStopped(ILogger logger, string instanceId);
}

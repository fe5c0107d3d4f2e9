using System.Collections.Concurrent;
using Billing.LocalDev;
using Billing.LocalDev.Settings;
using Billing.LocalHost.Durable;
using Billing.LocalHost.Http;
using Billing.LocalHost.Invocation;
using Billing.LocalHost.Metadata;
using Billing.LocalHost.Triggers;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.LocalHost.Hosting;

/// <summary>
/// The local Functions host: what the Azure Functions host and the isolated worker do for the app,
/// in one process, against any storage account (Azurite locally). It reads the app's
/// <c>functions.metadata</c> and <c>host.json</c>, builds the app's services as its Program does,
/// invokes the function methods in-process, drives the blob, queue and timer triggers, serves the
/// HTTP functions (with key checks) at <see cref="BaseAddress"/>, and runs the orchestrator and
/// activity functions on a Durable Task worker over the <see cref="DurableSidecar"/> (Azure Storage
/// provider). Any number of hosts may share one storage account: each blob version, queue message
/// and timer occurrence runs once among them.
/// </summary>
public sealed partial class LocalFunctionsHost : IAsyncDisposable
{
    /// <summary>The setting holding the host storage connection string, as in Functions.</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    private readonly ConcurrentQueue<InvocationRecord> invocations;
    private readonly CancellationTokenSource stopping;
    private readonly CancellationTokenSource aborting;
    private readonly IReadOnlyList<ITriggerListener> listeners;
    private readonly HttpFront front;
    private readonly DurableFunctions? durable;
    private readonly DurableSidecar? sidecar;
    private readonly IHost app;
    private readonly TimeSpan drainTimeout;
    private readonly ILogger logger;
    private int stopped;

    private LocalFunctionsHost(
        FunctionAppModel model,
        string instanceId,
        string hostKey,
        ConcurrentQueue<InvocationRecord> invocations,
        CancellationTokenSource stopping,
        CancellationTokenSource aborting,
        IReadOnlyList<ITriggerListener> listeners,
        HttpFront front,
        DurableFunctions? durable,
        DurableSidecar? sidecar,
        IHost app,
        TimeSpan drainTimeout,
        ILogger logger)
    {
        App = model;
        InstanceId = instanceId;
        HostKey = hostKey;
        this.invocations = invocations;
        this.stopping = stopping;
        this.aborting = aborting;
        this.listeners = listeners;
        this.front = front;
        this.durable = durable;
        this.sidecar = sidecar;
        this.app = app;
        this.drainTimeout = drainTimeout;
        this.logger = logger;
    }

    /// <summary>The HTTP front, e.g. <c>http://127.0.0.1:7071/</c>; HTTP functions are under <c>api/</c>.</summary>
    public Uri BaseAddress => front.BaseAddress;

    /// <summary>The key HTTP functions with authLevel function or admin require (header <c>x-functions-key</c> or query <c>code</c>).</summary>
    public string HostKey { get; }

    /// <summary>This host's name in receipts, logs and <see cref="Invocations"/>.</summary>
    public string InstanceId { get; }

    /// <summary>The app as read from its directory.</summary>
    public FunctionAppModel App { get; }

    /// <summary>The app's services (its DI container).</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>The Durable Task client the app's <c>durableClient</c> parameters get; null when the app has no Durable functions.</summary>
    public DurableTaskClient? DurableClient => durable?.Client;

    /// <summary>Every blob, queue and timer invocation this host made, oldest first (a snapshot).</summary>
    public IReadOnlyList<InvocationRecord> Invocations => invocations.ToArray();

    /// <summary>Starts the app, its triggers, the Durable worker (when the app has Durable functions) and the HTTP front.</summary>
    /// <exception cref="FunctionAppModelException">The app directory's functions.metadata or host.json is missing or malformed, or names a method that is not there.</exception>
    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger<LocalFunctionsHost>();
        var settings = new AppSettings(options.Settings);
        var storageConnection = options.StorageConnectionString ?? settings.Get(StorageSetting)
            ?? throw new InvalidOperationException($"Set {StorageSetting} (UseDevelopmentStorage=true for Azurite) or LocalHostOptions.StorageConnectionString.");
        var model = FunctionAppModel.Load(options.AppDirectory, settings);
        var methods = model.Functions.Where(f => !f.Disabled).Select(f => FunctionMethod.Resolve(f, model.AppDirectory)).ToArray();
        var instanceId = options.InstanceId ?? Guid.NewGuid().ToString("N")[..12];
        var hostKey = settings.Get(LocalSettingsFile.HostKeySetting) is { Length: > 0 } key ? key : LocalSettingsFile.NewKey();
        var appSettings = new Dictionary<string, string?>(settings.Values, StringComparer.OrdinalIgnoreCase) { [StorageSetting] = storageConnection };

        var invocations = new ConcurrentQueue<InvocationRecord>();
        var stopping = new CancellationTokenSource();
        var aborting = new CancellationTokenSource();
        var listeners = new List<ITriggerListener>();
        IHost? app = null;
        DurableSidecar? sidecar = null;
        DurableFunctions? durable = null;
        HttpFront? front = null;
        try
        {
            app = await AppServices.StartAsync(options, appSettings, ContentRoot(options), loggers, cancellationToken).ConfigureAwait(false);
            var invoker = new FunctionInvoker(
                app.Services, () => durable?.Client, model.Host.FunctionTimeout, instanceId, options.TimeProvider, invocations.Enqueue, loggers.CreateLogger<FunctionInvoker>());
            if (methods.Any(m => m.Metadata.Trigger is OrchestrationTriggerBinding or ActivityTriggerBinding || m.Metadata.DurableClients.Count > 0))
            {
                sidecar = await DurableSidecar.StartAsync(
                    new DurableSidecarOptions { StorageConnectionString = storageConnection, TaskHubName = model.Host.HubName, VisibilityTimeout = options.DurableVisibilityTimeout },
                    loggers,
                    cancellationToken).ConfigureAwait(false);
                durable = await DurableFunctions.StartAsync(sidecar, methods, invoker, loggers, aborting.Token, cancellationToken).ConfigureAwait(false);
            }

            var hostStorage = new HostStorage(storageConnection);
            var receipts = hostStorage.Tables.GetTableClient(HostStorage.ReceiptsTable);
            foreach (var function in methods)
            {
                ITriggerListener? listener = function.Metadata.Trigger switch
                {
                    BlobTriggerBinding blob => new BlobTriggerListener(
                        function, model.Host.Blobs, Storage(blob.Connection).Blobs, Storage(blob.Connection).Queues, receipts, invoker,
                        options.TimeProvider, options.BlobScanInterval, options.ReceiptLease, instanceId, loggers.CreateLogger<BlobTriggerListener>()),
                    QueueTriggerBinding queue => new QueueTriggerListener(
                        function, model.Host.Queues, Storage(queue.Connection).Queues, invoker, options.QueuePollingInterval, options.QueueMessageLease,
                        loggers.CreateLogger<QueueTriggerListener>()),
                    TimerTriggerBinding => new TimerTriggerListener(
                        function, hostStorage.Blobs, invoker, options.TimeProvider, options.TimerLockLease, loggers.CreateLogger<TimerTriggerListener>()),
                    _ => null,
                };
                if (listener is not null)
                {
                    await listener.StartAsync(stopping.Token, aborting.Token).ConfigureAwait(false);
                    listeners.Add(listener);
                }
            }

            front = await HttpFront.StartAsync(
                methods.Where(m => m.Metadata.Trigger is HttpTriggerBinding).ToArray(), model.Host.RoutePrefix, invoker, hostKey, options.HttpPort, loggers, cancellationToken).ConfigureAwait(false);
            var host = new LocalFunctionsHost(model, instanceId, hostKey, invocations, stopping, aborting, listeners, front, durable, sidecar, app, options.DrainTimeout, logger);
            LogStarted(logger, instanceId, front.BaseAddress, hostKey, host.Describe());
            return host;
        }
        catch
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await aborting.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(listeners.Select(l => l.Completion)).ConfigureAwait(false);
            if (front is not null)
            {
                await front.DisposeAsync().ConfigureAwait(false);
            }

            if (durable is not null)
            {
                await durable.DisposeAsync().ConfigureAwait(false);
            }

            if (sidecar is not null)
            {
                await sidecar.DisposeAsync().ConfigureAwait(false);
            }

            if (app is not null)
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                app.Dispose();
            }

            stopping.Dispose();
            aborting.Dispose();
            throw;
        }

        HostStorage Storage(string connection)
        {
            if (string.Equals(connection, StorageSetting, StringComparison.OrdinalIgnoreCase))
            {
                return new HostStorage(storageConnection);
            }

            return new HostStorage(settings.Get(connection) ?? settings.Get($"AzureWebJobs{connection}")
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
    /// <exception cref="InvalidOperationException">Another host is running it (holds its lock).</exception>
    public async Task<InvocationRecord> RunTimerAsync(string functionName, CancellationToken cancellationToken = default)
    {
        var timer = listeners.OfType<TimerTriggerListener>().FirstOrDefault(l => string.Equals(l.Function, functionName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No enabled timer function '{functionName}'.", nameof(functionName));
        return await timer.RunNowAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{functionName} is running in another host (it holds the timer's lock).");
    }

    /// <summary>
    /// Stops, draining: no new work is taken (the HTTP front stops accepting, triggers stop
    /// polling), work in flight gets <see cref="LocalHostOptions.DrainTimeout"/> to finish; what is
    /// still running then is cancelled and given back (a blob's claim without spending a try, a
    /// queue message made visible, a Durable work item left to the sidecar's visibility timeout),
    /// so it resumes on the next start. Then the Durable worker stops, then the sidecar, then the app. Idempotent.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        LogDraining(logger, InstanceId, drainTimeout);

        // Each step runs whatever the one before did: nothing the host started may outlive it.
        try
        {
            using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            drain.CancelAfter(drainTimeout);
            await stopping.CancelAsync().ConfigureAwait(false);
            var work = Task.WhenAll(listeners.Select(l => l.Completion).Append(front.StopAsync(drain.Token)));
            try
            {
                await work.WaitAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogDrainTimedOut(logger, InstanceId, drainTimeout);
            }

            await aborting.CancelAsync().ConfigureAwait(false);
            await work.ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await front.DisposeAsync().ConfigureAwait(false);
                if (durable is not null)
                {
                    // The worker before the sidecar: the sidecar must not hand out work nobody runs.
                    await durable.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                try
                {
                    if (sidecar is not null)
                    {
                        await sidecar.DisposeAsync().ConfigureAwait(false);
                    }
                }
                finally
                {
                    await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                    app.Dispose();
                    stopping.Dispose();
                    aborting.Dispose();
                }
            }
        }

        LogStopped(logger, InstanceId);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static string ContentRoot(LocalHostOptions options)
    {
        if (options.RepositoryRoot is { } root)
        {
            return Path.GetFullPath(root);
        }

        try
        {
            return RepositoryRoot.Find();
        }
        catch (InvalidOperationException)
        {
            return Directory.GetCurrentDirectory();
        }
    }

    private string Describe() => string.Join('\n', App.Functions.Select(f => $"  {f.Name}: {f.Trigger switch
    {
        HttpTriggerBinding h => $"[{string.Join(',', h.Methods ?? ["*"])}] {BaseAddress}{(App.Host.RoutePrefix.Length == 0 ? string.Empty : App.Host.RoutePrefix + "/")}{h.Route} (auth: {h.AuthLevel})",
        BlobTriggerBinding b => $"blobTrigger {b.Container}/{b.NamePrefix}{{name}}{b.NameSuffix}",
        QueueTriggerBinding q => $"queueTrigger {q.QueueName}",
        TimerTriggerBinding t => $"timerTrigger {t.Schedule}",
        OrchestrationTriggerBinding => "orchestrationTrigger",
        ActivityTriggerBinding => "activityTrigger",
        _ => f.Trigger.GetType().Name,
    }}{(f.Disabled ? " (disabled)" : string.Empty)}"));

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Local Functions host {InstanceId} listening at {BaseAddress} (host key: {HostKey})\nFunctions:\n{Functions}")]
    private static partial void LogStarted(ILogger logger, string instanceId, Uri baseAddress, string hostKey, string functions);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Local Functions host {InstanceId} stopped")]
    private static partial void LogStopped(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Local Functions host {InstanceId} stopping: no new work; work in flight gets {DrainTimeout} to finish")]
    private static partial void LogDraining(ILogger logger, string instanceId, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "Local Functions host {InstanceId}: work still running after {DrainTimeout} is cancelled; it resumes on the next start")]
    private static partial void LogDrainTimedOut(ILogger logger, string instanceId, TimeSpan drainTimeout);
}

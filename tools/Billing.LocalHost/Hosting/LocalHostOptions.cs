using Billing.LocalHost.Durable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Hosting;

/// <summary>
/// What <see cref="LocalFunctionsHost"/> runs and how. <see cref="AppDirectory"/> and
/// <see cref="ConfigureApp"/> are required; every other value has a documented default (constants below).
/// </summary>
public sealed class LocalHostOptions
{
    public const int DefaultHttpPort = 7071;
    public static readonly TimeSpan DefaultBlobScanInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultQueuePollingInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultReceiptLease = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultQueueMessageLease = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultTimerLockLease = TimeSpan.FromSeconds(60);

    /// <summary>How long work in flight gets to finish when the host stops (SIGTERM): 30 s.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The app's build or publish output: <c>functions.metadata</c> and <c>host.json</c>.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>
    /// Configures the app's services as its <c>Program</c> does (for Billing.Functions,
    /// <c>AddBillingApp</c>). The builder's configuration holds the environment and
    /// <see cref="Settings"/> (with <c>__</c> as the section separator), as the worker's does.
    /// </summary>
    public required Action<IHostApplicationBuilder> ConfigureApp { get; init; }

    /// <summary>
    /// The app's content root (relative settings such as <c>Billing__CatalogPath</c> resolve
    /// against it). Default: the repository root found from the current directory, else the current directory.
    /// </summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>
    /// App settings (local.settings.json <c>Values</c>): the app's configuration, and what
    /// <c>%Setting%</c> expressions resolve against (then the environment). <c>FunctionsHostKey</c>
    /// is the host key; a random one is used when it is missing.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The storage account of the triggers, the Durable task hub and the host's own state; default: the <c>AzureWebJobsStorage</c> setting.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>Loopback port of the HTTP front; 0 picks a free one. Default 7071, as Core Tools.</summary>
    public int HttpPort { get; init; } = DefaultHttpPort;

    /// <summary>The clock of timer schedules, leases and polling delays. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logs of the host (categories <c>Billing.LocalHost.*</c>) and of the app. Default: none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>How often each blob trigger lists its container. Default 1 s.</summary>
    public TimeSpan BlobScanInterval { get; init; } = DefaultBlobScanInterval;

    /// <summary>Longest wait between polls of an empty queue (host.json's maxPollingInterval when shorter). Default 1 s.</summary>
    public TimeSpan QueuePollingInterval { get; init; } = DefaultQueuePollingInterval;

    /// <summary>
    /// How long a blob receipt's claim holds without renewal: a host that dies while running a
    /// blob loses it after this long and another retries it. Renewed every third of it. Default 30 s.
    /// </summary>
    public TimeSpan ReceiptLease { get; init; } = DefaultReceiptLease;

    /// <summary>A queue message stays invisible this long while it runs, renewed every half of it. Default 1 minute.</summary>
    public TimeSpan QueueMessageLease { get; init; } = DefaultQueueMessageLease;

    /// <summary>The timer lock's blob lease (15–60 s), renewed while the timer runs. Default 60 s.</summary>
    public TimeSpan TimerLockLease { get; init; } = DefaultTimerLockLease;

    /// <summary>On stop, how long invocations in flight get to finish before they are cancelled (and their work given back). Default 30 s.</summary>
    public TimeSpan DrainTimeout { get; init; } = DefaultDrainTimeout;

    /// <summary>
    /// How long a Durable work item stays invisible while a worker holds it: after a kill, the
    /// orchestration in flight resumes this long after its last step started. Default 30 s
    /// (<see cref="DurableSidecarOptions.DefaultVisibilityTimeout"/>).
    /// </summary>
    public TimeSpan DurableVisibilityTimeout { get; init; } = DurableSidecarOptions.DefaultVisibilityTimeout;

    /// <summary>Names this host in receipts and logs. Default: a new random id.</summary>
    public string? InstanceId { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(AppDirectory);
        ArgumentNullException.ThrowIfNull(ConfigureApp);
        ArgumentNullException.ThrowIfNull(Settings);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(HttpPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HttpPort, 65535);
        foreach (var (name, value) in new[]
        {
            (nameof(BlobScanInterval), BlobScanInterval), (nameof(QueuePollingInterval), QueuePollingInterval),
            (nameof(ReceiptLease), ReceiptLease), (nameof(QueueMessageLease), QueueMessageLease),
            (nameof(DrainTimeout), DrainTimeout), (nameof(DurableVisibilityTimeout), DurableVisibilityTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
            }
        }

        if (TimerLockLease < TimeSpan.FromSeconds(15) || TimerLockLease > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(TimerLockLease), TimerLockLease, "A blob lease lasts 15 to 60 seconds.");
        }
    }
}

using Microsoft.Extensions.Logging;

namespace Billing.LocalRuntime.Hosting;

/// <summary>
/// What <see cref="LocalFunctionsHost"/> runs and how. Only <see cref="AppDirectory"/> is
/// required; every other value has a documented default (constants below).
/// </summary>
public sealed class LocalHostOptions
{
    public const int DefaultHttpPort = 7071;
    public static readonly TimeSpan DefaultBlobScanInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultQueuePollingInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultReceiptLease = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultQueueMessageLease = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultTimerLockLease = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultHandlerStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The log category of the handler's output lines (one entry per line, as written), apart from the runtime's own entries.</summary>
    public const string HandlerOutputCategory = "Billing.LocalRuntime.Handler.Output";

    /// <summary>The app's build or publish output: host.json, the handler executable, one folder per function.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>
    /// The handler's working directory (relative settings such as <c>Billing__CatalogPath</c> are
    /// relative to it) when host.json's <c>workingDirectory</c> is empty. Default: the repository
    /// root found from the current directory (<see cref="LocalRuntime.RepositoryRoot"/>), else the app directory.
    /// </summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>
    /// App settings (local.settings.json <c>Values</c>): the handler gets them as environment
    /// variables, <c>%Setting%</c> expressions resolve against them (then the environment).
    /// <c>FunctionsHostKey</c> is the host key; a random one is used when it is missing.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The storage account of the triggers and of the runtime's own state; default: the <c>AzureWebJobsStorage</c> setting.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>Loopback port of the HTTP front; 0 picks a free one. Default 7071, as Core Tools.</summary>
    public int HttpPort { get; init; } = DefaultHttpPort;

    /// <summary>The clock of timer schedules, leases and polling delays. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logs of the runtime (categories <c>Billing.LocalRuntime.*</c>), and the handler's output lines (<see cref="HandlerOutputCategory"/>). Default: none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Called with each line the handler writes to stdout or stderr (any thread).</summary>
    public Action<string>? HandlerOutput { get; init; }

    /// <summary>How often each blob trigger lists its container. Default 1 s.</summary>
    public TimeSpan BlobScanInterval { get; init; } = DefaultBlobScanInterval;

    /// <summary>Longest wait between polls of an empty queue (host.json's maxPollingInterval when shorter). Default 1 s.</summary>
    public TimeSpan QueuePollingInterval { get; init; } = DefaultQueuePollingInterval;

    /// <summary>
    /// How long a blob receipt's claim holds without renewal: a runtime that dies while running a
    /// blob loses it after this long and another retries it. Renewed every third of it. Default 30 s.
    /// </summary>
    public TimeSpan ReceiptLease { get; init; } = DefaultReceiptLease;

    /// <summary>A queue message stays invisible this long while it runs, renewed every half of it. Default 1 minute.</summary>
    public TimeSpan QueueMessageLease { get; init; } = DefaultQueueMessageLease;

    /// <summary>The timer lock's blob lease (15–60 s), renewed every third of it. Default 60 s.</summary>
    public TimeSpan TimerLockLease { get; init; } = DefaultTimerLockLease;

    /// <summary>How long the handler may take to answer after it starts. Default 60 s.</summary>
    public TimeSpan HandlerStartTimeout { get; init; } = DefaultHandlerStartTimeout;

    /// <summary>Names this runtime in receipts and logs. Default: a new random id.</summary>
    public string? InstanceId { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(AppDirectory);
        ArgumentNullException.ThrowIfNull(Settings);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(HttpPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HttpPort, 65535);
        foreach (var (name, value) in new[]
        {
            (nameof(BlobScanInterval), BlobScanInterval), (nameof(QueuePollingInterval), QueuePollingInterval),
            (nameof(ReceiptLease), ReceiptLease), (nameof(QueueMessageLease), QueueMessageLease),
            (nameof(HandlerStartTimeout), HandlerStartTimeout),
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

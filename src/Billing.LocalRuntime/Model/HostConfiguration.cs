namespace Billing.LocalRuntime.Model;

/// <summary>What the runtime reads from <c>host.json</c>; absent values take the Functions host's defaults.</summary>
/// <param name="ExecutablePath"><c>customHandler.description.defaultExecutablePath</c>, relative to the app directory unless rooted.</param>
/// <param name="WorkingDirectory"><c>customHandler.description.workingDirectory</c>; null or empty: the runtime's choice.</param>
/// <param name="Arguments"><c>customHandler.description.arguments</c>.</param>
/// <param name="EnableForwardingHttpRequest"><c>customHandler.enableForwardingHttpRequest</c>: HTTP requests are forwarded as they are.</param>
/// <param name="RoutePrefix"><c>extensions.http.routePrefix</c>, default <c>api</c>.</param>
/// <param name="FunctionTimeout"><c>functionTimeout</c>, default 5 minutes: how long one invocation may run.</param>
public sealed record HostConfiguration(
    string ExecutablePath,
    string? WorkingDirectory,
    IReadOnlyList<string> Arguments,
    bool EnableForwardingHttpRequest,
    string RoutePrefix,
    BlobsConfiguration Blobs,
    QueuesConfiguration Queues,
    TimeSpan FunctionTimeout)
{
    public const string DefaultRoutePrefix = "api";
    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(5);
}

/// <summary><c>extensions.blobs</c>.</summary>
/// <param name="MaxDegreeOfParallelism">Blob invocations at once per runtime; default 8.</param>
/// <param name="PoisonBlobThreshold">Tries of one blob version before it is poisoned; default 5.</param>
public sealed record BlobsConfiguration(int MaxDegreeOfParallelism, int PoisonBlobThreshold)
{
    public const int DefaultMaxDegreeOfParallelism = 8;
    public const int DefaultPoisonBlobThreshold = 5;
}

/// <summary><c>extensions.queues</c>.</summary>
/// <param name="MaxDequeueCount">Tries of one message before it moves to <c>&lt;queue&gt;-poison</c>; default 5.</param>
/// <param name="VisibilityTimeout">How long a failed message stays invisible before its next try; default 0.</param>
/// <param name="BatchSize">Messages received, and run in parallel, at once; default 16 (1–32).</param>
/// <param name="MaxPollingInterval">Longest wait between polls of an empty queue; default 1 minute (the runtime caps it, see LocalHostOptions.QueuePollingInterval).</param>
public sealed record QueuesConfiguration(int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize, TimeSpan MaxPollingInterval)
{
    public const int DefaultMaxDequeueCount = 5;
    public const int DefaultBatchSize = 16;
    public static readonly TimeSpan DefaultMaxPollingInterval = TimeSpan.FromMinutes(1);
}

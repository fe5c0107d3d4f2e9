namespace Billing.LocalHost.Metadata;

/// <summary><c>extensions.queues</c>.</summary>
/// <param name="MaxDequeueCount">Tries of one message before it moves to <c>&lt;queue&gt;-poison</c>; default 5.</param>
/// <param name="VisibilityTimeout">How long a failed message stays invisible before its next try; default 0.</param>
/// <param name="BatchSize">Messages received, and run in parallel, at once; default 16 (1–32).</param>
/// <param name="MaxPollingInterval">Longest wait between polls of an empty queue; default 1 minute (the host caps it, see LocalHostOptions.QueuePollingInterval).</param>
public sealed record QueuesConfiguration(int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize, TimeSpan MaxPollingInterval)
{
    public const int DefaultMaxDequeueCount = 5;
    public const int DefaultBatchSize = 16;
    public static readonly TimeSpan DefaultMaxPollingInterval = TimeSpan.FromMinutes(1);
}

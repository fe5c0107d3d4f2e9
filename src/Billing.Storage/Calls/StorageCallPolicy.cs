using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Billing.Storage.Calls;

/// <summary>
/// The SDK's retry policy (exponential back-off on timeouts, 408, 429, 5xx and network errors),
/// bounded by <see cref="StorageCallOptions.CallTimeout"/>: each try may wait only for what is left
/// of it, no retry starts when too little is, and a request that got no answer at all fails with
/// <see cref="StorageUnavailableException"/> rather than the SDK's aggregate of timeouts.
/// </summary>
internal sealed class StorageCallPolicy : RetryPolicy
{
    /// <summary>The first back-off, doubled on each retry (with the SDK's jitter) up to <see cref="LongestDelay"/>.</summary>
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(2);

    /// <summary>Less than this left of the budget after a back-off is not worth another try.</summary>
    private static readonly TimeSpan ShortestTry = TimeSpan.FromMilliseconds(250);

    private readonly StorageCallOptions options;
    private readonly TimeProvider time;

    public StorageCallPolicy(StorageCallOptions options, TimeProvider time)
        : base(options.MaxRetries, DelayStrategy.CreateExponentialDelayStrategy(FirstDelay, LongestDelay))
    {
        this.options = options;
        this.time = time;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            base.Process(message, pipeline);
        }
        catch (Exception e) when (NoAnswer(message, e))
        {
            throw Unavailable(message, e);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await base.ProcessAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception e) when (NoAnswer(message, e))
        {
            throw Unavailable(message, e);
        }
    }

    protected override void OnSendingRequest(HttpMessage message) => BoundTry(message);

    protected override ValueTask OnSendingRequestAsync(HttpMessage message)
    {
        BoundTry(message);
        return ValueTask.CompletedTask;
    }

    // Another try only when the longest back-off still leaves it time: the budget is never overrun.
    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        HasTimeForAnotherTry(message) && base.ShouldRetry(message, exception);

    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        HasTimeForAnotherTry(message) && await base.ShouldRetryAsync(message, exception).ConfigureAwait(false);

    private bool HasTimeForAnotherTry(HttpMessage message) => Left(message) >= LongestDelay + ShortestTry;

    /// <summary>The first try starts the budget; every try may wait for the rest of it, at most a try's timeout.</summary>
    private void BoundTry(HttpMessage message)
    {
        if (!message.TryGetProperty(typeof(CallStart), out _))
        {
            message.SetProperty(typeof(CallStart), new CallStart(time.GetTimestamp()));
        }

        var left = Left(message);
        message.NetworkTimeout = left < ShortestTry ? ShortestTry : Min(left, options.TryTimeout);
    }

    private TimeSpan Left(HttpMessage message) =>
        message.TryGetProperty(typeof(CallStart), out var start) && start is CallStart { Timestamp: var started }
            ? options.CallTimeout - time.GetElapsedTime(started)
            : options.CallTimeout;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // Without an answer: timeouts and network failures, alone or as the SDK's aggregate of its
    // tries. Not when the caller cancelled, and never an error answer (those are not thrown here).
    private static bool NoAnswer(HttpMessage message, Exception e) =>
        !message.CancellationToken.IsCancellationRequested
        && (e is AggregateException aggregate ? aggregate.InnerExceptions.All(IsTransport) : IsTransport(e));

    private static bool IsTransport(Exception e) =>
        e is OperationCanceledException or IOException or HttpRequestException or SocketException or RequestFailedException { Status: 0 };

    private StorageUnavailableException Unavailable(HttpMessage message, Exception e) => new(
        $"Storage did not answer {message.Request.Method} {message.Request.Uri.ToUri().GetLeftPart(UriPartial.Path)} " +
        $"within {options.CallTimeout.TotalSeconds:0.#} s ({message.ProcessingContext.RetryNumber + 1} tries; Storage:CallTimeout, Storage:TryTimeout).",
        e);

    private sealed record CallStart(long Timestamp);
}

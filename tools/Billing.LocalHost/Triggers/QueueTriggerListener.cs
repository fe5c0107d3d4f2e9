using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Billing.LocalHost.Invocation;
using Billing.LocalHost.Metadata;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Triggers;

/// <summary>
/// A queue trigger as the Functions host runs it: messages are received invisible for
/// <c>QueueMessageLease</c> (renewed while the function runs), deleted on success, made visible
/// again after host.json's <c>visibilityTimeout</c> on failure, and moved to <c>&lt;queue&gt;-poison</c>
/// once they have failed <c>maxDequeueCount</c> times. Up to <c>batchSize</c> run at once per
/// host. Message text is base64 on the queue; the function gets it decoded, as a string, bytes or
/// a POCO from JSON, with the binding data <c>Id</c>, <c>DequeueCount</c>, <c>InsertionTime</c>,
/// <c>ExpirationTime</c>, <c>NextVisibleTime</c> and <c>PopReceipt</c>.
/// </summary>
internal sealed partial class QueueTriggerListener : ITriggerListener
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly FunctionMethod function;
    private readonly QueueTriggerBinding binding;
    private readonly QueuesConfiguration configuration;
    private readonly QueueClient queue;
    private readonly QueueClient poison;
    private readonly FunctionInvoker invoker;
    private readonly TimeSpan maxPollingInterval;
    private readonly TimeSpan lease;
    private readonly ILogger logger;
    private readonly Signal signal = new();
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentDictionary<string, Task> running = new();
    private Task loop = Task.CompletedTask;
    private CancellationToken aborting;

    public QueueTriggerListener(
        FunctionMethod function,
        QueuesConfiguration configuration,
        QueueServiceClient queues,
        FunctionInvoker invoker,
        TimeSpan pollingInterval,
        TimeSpan lease,
        ILogger logger)
    {
        this.function = function;
        binding = (QueueTriggerBinding)function.Metadata.Trigger;
        this.configuration = configuration;
        queue = queues.GetQueueClient(binding.QueueName);
        poison = queues.GetQueueClient(binding.QueueName + "-poison");
        this.invoker = invoker;
        maxPollingInterval = pollingInterval < configuration.MaxPollingInterval ? pollingInterval : configuration.MaxPollingInterval;
        this.lease = lease;
        this.logger = logger;
        slots = new SemaphoreSlim(configuration.BatchSize, configuration.BatchSize);
    }

    public string Function => function.Name;

    public Task Completion => loop;

    public async Task StartAsync(CancellationToken stopping, CancellationToken aborting)
    {
        this.aborting = aborting;
        await queue.CreateIfNotExistsAsync(cancellationToken: stopping).ConfigureAwait(false);
        loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);
    }

    public Task PollNowAsync(CancellationToken cancellationToken) => signal.RequestAsync(cancellationToken);

    private async Task RunAsync(CancellationToken stopping)
    {
        var interval = MinPollingInterval;
        var backOff = new FailureBackOff(maxPollingInterval);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var pass = signal.BeginPass();
                var received = 0;
                TimeSpan? failedWait = null;
                try
                {
                    received = await PollAsync(stopping).ConfigureAwait(false);
                    backOff.Succeeded();
                }
                catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // Whatever the type: a poll that ends the loop would stop the trigger for good, silently.
                    failedWait = backOff.Failed();
                    LogPollFailed(logger, e, function.Name, ErrorText.Of(e), backOff.Failures, failedWait.Value);
                }
                finally
                {
                    pass.TrySetResult();
                }

                // Back off while the queue is empty, up to the polling interval; go on at once while it is not.
                interval = received > 0 ? MinPollingInterval : TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, maxPollingInterval.Ticks));
                if (failedWait is { } wait)
                {
                    await signal.WaitAsync(wait, stopping).ConfigureAwait(false);
                }
                else if (received == 0 || slots.CurrentCount == 0)
                {
                    await signal.WaitAsync(interval, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running.Values).ConfigureAwait(false);
    }

    private async Task<int> PollAsync(CancellationToken stopping)
    {
        var free = slots.CurrentCount;
        if (free == 0)
        {
            return 0;
        }

        QueueMessage[] messages;
        try
        {
            messages = (await queue.ReceiveMessagesAsync(Math.Min(free, 32), lease, stopping).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0; // the queue does not exist (yet)
        }

        foreach (var message in messages)
        {
            await slots.WaitAsync(stopping).ConfigureAwait(false);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var key = $"{message.MessageId}/{message.PopReceipt}";
            running[key] = ProcessAsync(start.Task, key, message, aborting);
            start.SetResult();
        }

        return messages.Length;
    }

    private async Task ProcessAsync(Task start, string key, QueueMessage message, CancellationToken aborting)
    {
        await start.ConfigureAwait(false);
        try
        {
            await RunReceivedAsync(message, aborting).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Never a faulted task: the host's stop awaits every invocation.
            LogInvocationFailed(logger, e, function.Name, message.MessageId, ErrorText.Of(e));
        }
        finally
        {
            running.TryRemove(key, out _);
            slots.Release();
            signal.Set();
        }
    }

    /// <summary>Runs the function on a received message and settles the message by the outcome.</summary>
    /// <param name="aborting">Cancelled when the host's drain is over: the message is made visible again.</param>
    private async Task RunReceivedAsync(QueueMessage message, CancellationToken aborting)
    {
        var receipt = new Receipt(message.MessageId, message.PopReceipt);
        var text = HostStorage.DecodeMessage(message.Body.ToString());
        try
        {
            if (message.DequeueCount > configuration.MaxDequeueCount)
            {
                // It was received too often without an outcome (a host died running it).
                await MoveToPoisonAsync(receipt, text, message.DequeueCount, "exceeded maxDequeueCount without completing", aborting).ConfigureAwait(false);
                return;
            }

            using var renewing = CancellationTokenSource.CreateLinkedTokenSource(aborting);
            var renewal = RenewAsync(receipt, renewing.Token);
            InvocationRecord result;
            try
            {
                result = await invoker.InvokeAsync(function, Input(message, text), aborting).ConfigureAwait(false);
            }
            finally
            {
                await renewing.CancelAsync().ConfigureAwait(false);
                await renewal.ConfigureAwait(false);
            }

            if (result.Succeeded)
            {
                await queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            else if (message.DequeueCount >= configuration.MaxDequeueCount)
            {
                await MoveToPoisonAsync(receipt, text, message.DequeueCount, result.Error ?? "failed", CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: configuration.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborting.IsCancellationRequested)
        {
            // The drain is over: make the message visible again at once (the try still counts, as in Functions).
            await ReleaseQuietlyAsync(receipt).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            // Deleted, or the pop receipt is stale: the message reappears when its visibility ends.
            LogMessageFailed(logger, e, function.Name, message.MessageId);
        }
    }

    private async Task RenewAsync(Receipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 2, cancellationToken).ConfigureAwait(false);
                // Not cancelled once sent: an update applied but not seen would leave us a stale pop receipt.
                var updated = await queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: lease, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                receipt.PopReceipt = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The message reappears when its visibility ends; the function goes on meanwhile.
            LogMessageFailed(logger, e, function.Name, receipt.MessageId);
        }
    }

    private async Task MoveToPoisonAsync(Receipt receipt, string text, long dequeueCount, string error, CancellationToken cancellationToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(HostStorage.EncodeMessage(text), cancellationToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, cancellationToken).ConfigureAwait(false);
        LogPoisoned(logger, function.Name, receipt.MessageId, dequeueCount, poison.Name, error);
    }

    private async Task ReleaseQuietlyAsync(Receipt receipt)
    {
        try
        {
            await queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: TimeSpan.Zero).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or IOException or HttpRequestException)
        {
            // Storage is gone or the receipt is stale: the message reappears when its visibility ends.
        }
    }

    private TriggerInput Input(QueueMessage message, string text)
    {
        static string? Iso(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = message.MessageId,
            ["DequeueCount"] = message.DequeueCount.ToString(CultureInfo.InvariantCulture),
            ["InsertionTime"] = Iso(message.InsertedOn),
            ["ExpirationTime"] = Iso(message.ExpiresOn),
            ["NextVisibleTime"] = Iso(message.NextVisibleOn),
            ["PopReceipt"] = message.PopReceipt,
        };
        return new TriggerInput(
            message.MessageId,
            type => type == typeof(string) ? text
                : type == typeof(byte[]) ? System.Text.Encoding.UTF8.GetBytes(text)
                : type == typeof(BinaryData) ? BinaryData.FromString(text)
                : type == typeof(QueueMessage) ? message
                : JsonSerializer.Deserialize(text, type, FunctionMethod.Json),
            data,
            RetryCount: (int)message.DequeueCount - 1,
            MaxRetryCount: configuration.MaxDequeueCount - 1);
    }

    /// <summary>A received message's id and latest pop receipt (every visibility update changes it).</summary>
    private sealed class Receipt(string messageId, string popReceipt)
    {
        public string MessageId { get; } = messageId;

        public string PopReceipt { get; set; } = popReceipt;
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Error, Message = "{Function}: message {MessageId} failed {DequeueCount} times and moved to {PoisonQueue}: {Error}")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, long dequeueCount, string poisonQueue, string error);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "{Function}: polling the queue failed ({Error}), {Failures} in a row; next poll in {Wait}")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string function, string error, int failures, TimeSpan wait);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "{Function}: updating message {MessageId} failed; it reappears when its visibility ends")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, string function, string messageId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "{Function}: message {MessageId} ended without a recorded outcome ({Error}); it reappears when its visibility ends")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string function, string messageId, string error);
}

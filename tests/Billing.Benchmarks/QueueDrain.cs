using System.Threading.Channels;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Billing.Benchmarks;

/// <summary>
/// Runs a queue function on every message of a queue, as the queue trigger would: one receiver
/// takes up to 32 messages at a time, <c>workers</c> handlers run at once, and a message is deleted
/// once its handler returns. A handler that throws is retried up to <see cref="MaxAttempts"/> times
/// in all (host.json <c>maxDequeueCount</c>), then left on the queue and counted as failed. Every
/// message is on the queue before the drain starts, so an empty receive means all were taken.
/// Progress goes to stderr every <see cref="ProgressEvery"/>.
/// </summary>
internal static class QueueDrain
{
    public const int MaxAttempts = 5;

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    /// <param name="handle">Handles one message body; returns the id of what it issued, or null.</param>
    public static async Task<DrainReport> RunAsync(QueueClient queue, int workers, Func<string, CancellationToken, Task<string?>> handle, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<QueueMessage>(workers);
        long handled = 0, issued = 0, retries = 0, failed = 0;
        string? firstError = null;
        var pump = Task.Run(
            async () =>
            {
                try
                {
                    while (true)
                    {
                        var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), cancellationToken)).Value;
                        if (batch.Length == 0)
                        {
                            return;
                        }

                        foreach (var message in batch)
                        {
                            await channel.Writer.WriteAsync(message, cancellationToken);
                        }
                    }
                }
                finally
                {
                    channel.Writer.Complete();
                }
            },
            cancellationToken);
        var handlers = Enumerable.Range(0, workers).Select(_ => Task.Run(
            async () =>
            {
                await foreach (var message in channel.Reader.ReadAllAsync(cancellationToken))
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            if (await handle(message.Body.ToString(), cancellationToken) is not null)
                            {
                                Interlocked.Increment(ref issued);
                            }

                            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                            Interlocked.Increment(ref handled);
                            break;
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                            if (attempt == MaxAttempts)
                            {
                                Interlocked.Increment(ref failed);
                                break;
                            }

                            Interlocked.Increment(ref retries);
                        }
                    }
                }
            },
            cancellationToken)).ToList();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = Task.Run(
            async () =>
            {
                using var timer = new PeriodicTimer(ProgressEvery);
                while (await timer.WaitForNextTickAsync(done.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
                {
                    await Console.Error.WriteLineAsync($"{queue.Name}: {Interlocked.Read(ref handled)} messages handled");
                }
            },
            CancellationToken.None);
        try
        {
            await Task.WhenAll([pump, .. handlers]);
        }
        finally
        {
            await done.CancelAsync();
            await progress;
        }

        return new DrainReport(handled, issued, retries, failed, firstError);
    }
}

using Azure.Storage.Queues;

namespace Billing.Benchmarks;

/// <summary>
/// A queue function running beside ingestion, as its queue trigger would in the app: it takes up
/// to 32 messages at a time, runs the handler on each (<c>workers</c> at once) and deletes the
/// message when the handler returns; a handler that throws leaves its message to come back after
/// the visibility timeout (5 min: the trigger renews a message it works on), as in the app, up to <see cref="MaxAttempts"/> times in all (then it is
/// removed and counted as failed, as the app moves it to the poison queue). An empty queue is
/// polled again after a short pause.
/// <see cref="StopAsync"/> waits until the queue is empty, then stops.
/// </summary>
internal sealed class QueueWorker : IAsyncDisposable
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan IdlePause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(5);

    private readonly QueueClient queue;
    private readonly Func<string, CancellationToken, Task> handle;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private long handled;
    private long failed;
    private string? firstError;

    private QueueWorker(QueueClient queue, int workers, Func<string, CancellationToken, Task> handle)
    {
        this.queue = queue;
        this.handle = handle;
        loop = Task.Run(() => RunAsync(workers));
    }

    public long Handled => Interlocked.Read(ref handled);

    public long Failed => Interlocked.Read(ref failed);

    public string? FirstError => firstError;

    public static QueueWorker Start(QueueClient queue, int workers, Func<string, CancellationToken, Task> handle) => new(queue, workers, handle);

    /// <summary>Lets the worker finish what is on the queue (retries included), then stops it.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stopping.Dispose();
    }

    private async Task RunAsync(int workers)
    {
        using var slots = new SemaphoreSlim(workers);
        var running = new List<Task>();
        var nextProgress = 0L;
        while (true)
        {
            Azure.Storage.Queues.Models.QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(32, Visibility)).Value;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage busy (a timeout under load): the trigger would poll again too.
                Interlocked.CompareExchange(ref firstError, $"receive: {e.GetType().Name}: {e.Message}", null);
                await Task.Delay(IdlePause);
                continue;
            }

            if (batch.Length == 0)
            {
                running.RemoveAll(t => t.IsCompleted);
                if (stopping.IsCancellationRequested && running.Count == 0)
                {
                    int left;
                    try
                    {
                        left = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Interlocked.CompareExchange(ref firstError, $"count: {e.GetType().Name}: {e.Message}", null);
                        continue;
                    }

                    if (left == 0)
                    {
                        return;
                    }

                    if (Environment.TickCount64 >= nextProgress)
                    {
                        await Console.Error.WriteLineAsync($"{queue.Name}: {left} messages left (some wait for a retry), {Handled} handled, {Failed} failed; {firstError}");
                        nextProgress = Environment.TickCount64 + 10_000;
                    }
                }

                await Task.Delay(IdlePause);
                continue;
            }

            foreach (var message in batch)
            {
                await slots.WaitAsync();
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await handle(message.Body.ToString(), CancellationToken.None);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        Interlocked.Increment(ref handled);
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                        if (message.DequeueCount >= MaxAttempts)
                        {
                            Interlocked.Increment(ref failed);
                            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        }
                    }
                    finally
                    {
                        slots.Release();
                    }
                }));
            }

            running.RemoveAll(t => t.IsCompleted);
        }
    }
}

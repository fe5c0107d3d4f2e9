using System.Threading.Channels;

namespace Billing.LocalHost.Triggers;

/// <summary>
/// A poll loop's wake-up and "scan now" hook: <see cref="Set"/> wakes the loop early;
/// <see cref="RequestAsync"/> wakes it and completes after the next full pass.
/// </summary>
internal sealed class Signal
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock gate = new();
    private TaskCompletionSource pending = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => wake.Writer.TryWrite(true);

    /// <summary>Wakes the loop and completes when a pass that started after this call has finished.</summary>
    public Task RequestAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (gate)
        {
            task = pending.Task;
        }

        Set();
        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Waits for <see cref="Set"/> or the interval (real time), whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(interval);
        try
        {
            await wake.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Called by the loop as a pass begins: the requests made so far complete when it ends.</summary>
    public TaskCompletionSource BeginPass()
    {
        lock (gate)
        {
            var current = pending;
            pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return current;
        }
    }
}

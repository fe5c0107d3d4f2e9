namespace Billing.LocalHost.Durable;

/// <summary>
/// Keeps one work item's queue messages invisible while the worker runs it: renews its lock every
/// interval, one renewal at a time, until stopped. Stopping waits for a renewal in flight, because
/// a renewal changes the message's pop receipt, and the completion or abandon that follows must use
/// the newest one (the provider keeps it on the work item).
/// </summary>
internal sealed class LockRenewal
{
    private readonly Func<Task> renew;
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private int stopped;

    private LockRenewal(Func<Task> renew, TimeSpan interval, TimeProvider clock, Action<Exception> failed)
    {
        this.renew = renew;
        loop = RenewEveryAsync(interval, clock, failed);
    }

    /// <summary>Starts renewing: the first renewal comes one <paramref name="interval"/> after now.</summary>
    /// <param name="renew">Renews the lock; may throw (the failure goes to <paramref name="failed"/> and the next renewal still comes).</param>
    /// <param name="interval">Time between renewals: well under the visibility timeout, so one late or failed renewal does not lose the lock.</param>
    public static LockRenewal Start(Func<Task> renew, TimeSpan interval, TimeProvider clock, Action<Exception> failed)
    {
        ArgumentNullException.ThrowIfNull(renew);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new LockRenewal(renew, interval, clock, failed);
    }

    /// <summary>Renews now, in turn with the timed renewals (two at once would race on the pop receipt).</summary>
    public async Task RenewNowAsync()
    {
        await turn.WaitAsync().ConfigureAwait(false);
        try
        {
            await renew().ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Stops renewing and waits for a renewal in flight; idempotent.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
        }

        await loop.ConfigureAwait(false);
    }

    private async Task RenewEveryAsync(TimeSpan interval, TimeProvider clock, Action<Exception> failed)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, clock, stopping.Token).ConfigureAwait(false);
                await turn.WaitAsync(stopping.Token).ConfigureAwait(false);
                try
                {
                    await renew().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A failed renewal (Azurite busy, a transient storage error) must not end the loop: the next one may still hold the lock.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Report(failed, e);
                }
                finally
                {
                    turn.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped: the work item is being completed, abandoned or released.
        }
    }

    private static void Report(Action<Exception> failed, Exception exception)
    {
        try
        {
            failed(exception);
        }
#pragma warning disable CA1031 // The stop awaits this loop, and the test host stops its service from an async void handler, where a throw ends the process.
        catch (Exception)
#pragma warning restore CA1031
        {
            // A report that fails (a logger already disposed) is dropped.
        }
    }
}

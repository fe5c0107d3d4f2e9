using System.Collections.Concurrent;
using Microsoft.DurableTask.Client;

namespace Billing.Benchmarks;

/// <summary>
/// Follows every invoice run the benchmark starts to its orchestration's end: holds back the start
/// of runs while <c>limit</c> orchestrations are in flight (a worker that would start one more
/// waits, as the queue trigger's message would), counts how they ended, and purges each ended
/// instance's history from the task hub.
/// </summary>
/// <remarks>
/// Without the limit a close starts every run at once, and on Azurite, whose cost per queue request
/// grows with the messages queued in the account, thousands of runs in flight slow every one of them.
/// The purge is what a history-retention job does in production, done at once here: Azurite answers
/// every table query, a history read included, by testing every row of the table, so the histories
/// of 20,000 ended runs would slow every run still going (README, "Invoicing benchmark"); on Azure
/// Storage a history read is a query on the instance's own partition, whatever the table holds.
/// </remarks>
internal sealed class RunsInFlight(int limit) : IDisposable
{
    private readonly SemaphoreSlim permits = new(limit == 0 ? int.MaxValue : limit);
    private readonly ConcurrentBag<Task> waits = [];
    private long started;
    private long completed;
    private string? firstNotCompleted;

    /// <summary>Orchestrations started, those that ended <c>Completed</c>, and the first that ended otherwise.</summary>
    public (long Started, long Completed, string? FirstNotCompleted) Outcomes =>
        (Interlocked.Read(ref started), Interlocked.Read(ref completed), Volatile.Read(ref firstNotCompleted));

    /// <summary>
    /// Runs <paramref name="start"/> once fewer than the limit are in flight. When it starts an
    /// orchestration (returns its instance id), the place is held until that orchestration ends.
    /// </summary>
    public async Task<string?> StartAsync(Func<Task<string?>> start, DurableTaskClient client, CancellationToken cancellationToken)
    {
        await permits.WaitAsync(cancellationToken);
        string? instanceId;
        try
        {
            instanceId = await start();
        }
        catch
        {
            permits.Release();
            throw;
        }

        if (instanceId is null)
        {
            permits.Release();
        }
        else
        {
            Interlocked.Increment(ref started);
            waits.Add(LeaveWhenEndedAsync(client, instanceId, cancellationToken));
        }

        return instanceId;
    }

    /// <summary>Waits for every started orchestration to end (and be purged), surfacing a failed wait.</summary>
    public Task DrainAsync() => Task.WhenAll(waits);

    public void Dispose() => permits.Dispose();

    private async Task LeaveWhenEndedAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var state = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
            if (state.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                Interlocked.Increment(ref completed);
            }
            else
            {
                Interlocked.CompareExchange(ref firstNotCompleted, $"{instanceId}: {state.RuntimeStatus} {state.FailureDetails?.ErrorMessage}", null);
            }

            await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        }
        finally
        {
            permits.Release();
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.DurableTask.Client;

namespace Billing.Benchmarks;

/// <summary>
/// Holds back the start of invoice runs while <c>limit</c> orchestrations are in flight: a worker
/// that would start one more waits, as the queue trigger's message would. Without it a close starts
/// every run at once, and on Azurite, whose cost per queue request grows with the messages queued
/// in the account, thousands of runs in flight slow every one of them (README, "Invoicing benchmark").
/// </summary>
internal sealed class RunsInFlight(int limit) : IDisposable
{
    private readonly SemaphoreSlim permits = new(limit == 0 ? int.MaxValue : limit);
    private readonly ConcurrentBag<Task> waits = [];

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
            waits.Add(LeaveWhenCompletedAsync(client, instanceId, cancellationToken));
        }

        return instanceId;
    }

    /// <summary>Waits for every background wait, surfacing its failure.</summary>
    public Task DrainAsync() => Task.WhenAll(waits);

    public void Dispose() => permits.Dispose();

    private async Task LeaveWhenCompletedAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        }
        finally
        {
            permits.Release();
        }
    }
}

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

    public Task EnterAsync(CancellationToken cancellationToken) => permits.WaitAsync(cancellationToken);

    public void Leave() => permits.Release();

    /// <summary>Leaves once the orchestration <paramref name="instanceId"/> has ended (in the background).</summary>
    public void LeaveWhenCompleted(DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        waits.Add(Task.Run(
            async () =>
            {
                try
                {
                    await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
                }
                finally
                {
                    permits.Release();
                }
            },
            cancellationToken));

    /// <summary>Waits for every background wait, surfacing its failure.</summary>
    public Task DrainAsync() => Task.WhenAll(waits);

    public void Dispose() => permits.Dispose();
}

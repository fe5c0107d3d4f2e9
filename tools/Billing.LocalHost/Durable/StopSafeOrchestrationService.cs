using DurableTask.Core;

namespace Billing.LocalHost.Durable;

/// <summary>
/// The orchestration service as the sidecar's dispatcher sees it: everything passes through,
/// except that a stop before any start does nothing, and a stop during the start waits for it.
/// The test host's gRPC server starts the service only once a worker connects, and stops it when
/// the server stops, from an <c>async void</c> handler: the Azure Storage provider stopped before
/// it started throws a NullReferenceException there, which ends the process. A host stopped
/// moments after it started (Ctrl+C during start-up, a test) would meet exactly that.
/// </summary>
internal sealed class StopSafeOrchestrationService(IOrchestrationService inner) : DelegatingOrchestrationService(inner)
{
    private readonly Lock gate = new();
    private Task? started;

    public override Task StartAsync()
    {
        lock (gate)
        {
            return started ??= Inner.StartAsync();
        }
    }

    public override async Task StopAsync(bool isForced)
    {
        Task? start;
        lock (gate)
        {
            start = started;
        }

        if (start is null)
        {
            return;
        }

        await start.ConfigureAwait(false);
        await Inner.StopAsync(isForced).ConfigureAwait(false);
    }
}

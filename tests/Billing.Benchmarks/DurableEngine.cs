using Billing.Invoicing.Runs;
using Billing.LocalHost.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.Benchmarks;

/// <summary>
/// The durable engine as the local host runs it: the <see cref="DurableSidecar"/> over the Azure
/// Storage provider on the task hub's Azurite, a Durable Task worker running the billing tasks
/// (<c>AddBillingTasks</c>) on the app's own <see cref="InvoiceRunSteps"/>, and a client.
/// </summary>
internal sealed class DurableEngine : IAsyncDisposable
{
    /// <summary>
    /// Orchestration and activity work items the worker runs at once. The SDK's default is 100 per
    /// core; on 2 cores an invoice's activities are short Stripe and storage calls, so 16 of each
    /// keeps both cores busy (as host.json's queue <c>batchSize</c>, 16, does for the queue
    /// functions) without piling up work items that only wait on Azurite.
    /// </summary>
    public const int ConcurrentWorkItems = 16;

    private readonly DurableSidecar sidecar;
    private readonly IHost worker;

    private DurableEngine(DurableSidecar sidecar, IHost worker)
    {
        this.sidecar = sidecar;
        this.worker = worker;
    }

    public DurableTaskClient Client => worker.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<DurableEngine> StartAsync(string connectionString, string taskHub, InvoiceRunSteps steps, CancellationToken cancellationToken)
    {
        var sidecar = await DurableSidecar.StartAsync(
            new DurableSidecarOptions { StorageConnectionString = connectionString, TaskHubName = taskHub },
            NullLoggerFactory.Instance,
            cancellationToken);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddSingleton(steps);
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(sidecar.Channel);
            b.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = ConcurrentWorkItems;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = ConcurrentWorkItems;
            });
            b.AddTasks(r => r.AddBillingTasks());
        });
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(sidecar.Channel));
        var worker = builder.Build();
        await worker.StartAsync(cancellationToken);
        return new DurableEngine(sidecar, worker);
    }

    /// <summary>Worker first, then the sidecar (see <see cref="DurableSidecar"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await worker.StopAsync(CancellationToken.None);
        worker.Dispose();
        await sidecar.DisposeAsync();
    }
}

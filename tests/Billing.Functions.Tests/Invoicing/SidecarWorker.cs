using Billing.Invoicing.Runs;
using Billing.LocalHost.Durable;
using Billing.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// The local host's Durable backend for one app instance: the sidecar over the Azure Storage
/// provider on Azurite (state survives a stop), a worker running the billing tasks on the
/// instance's services, and a client. Stopped worker first, then the sidecar: a "kill".
/// </summary>
internal sealed class SidecarWorker : IAsyncDisposable
{
    private readonly DurableSidecar sidecar;
    private readonly IHost worker;

    private SidecarWorker(DurableSidecar sidecar, IHost worker)
    {
        this.sidecar = sidecar;
        this.worker = worker;
    }

    public DurableTaskClient Client => worker.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<SidecarWorker> StartAsync(AzuriteFixture azurite, string hub, AppInstance app, CancellationToken cancellationToken)
    {
        var sidecar = await DurableSidecar.StartAsync(
            new DurableSidecarOptions { StorageConnectionString = azurite.ConnectionString, TaskHubName = hub, VisibilityTimeout = TimeSpan.FromSeconds(3) },
            NullLoggerFactory.Instance,
            cancellationToken);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(app.Get<InvoiceRunSteps>());
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(sidecar.Channel);
            b.AddTasks(r => r.AddBillingTasks());
        });
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(sidecar.Channel));
        var worker = builder.Build();
        await worker.StartAsync(cancellationToken);
        return new SidecarWorker(sidecar, worker);
    }

    public async ValueTask DisposeAsync()
    {
        await worker.StopAsync(CancellationToken.None);
        worker.Dispose();
        await sidecar.DisposeAsync();
    }
}

using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Durable;

/// <summary>
/// The Durable Task backend of the local host: the gRPC TaskHub service of Durable Task's
/// in-process test host (<see cref="TaskHubGrpcServer"/>) in front of the **Azure Storage
/// provider** (<see cref="AzureStorageOrchestrationService"/>), which is what Durable Functions
/// uses in Azure by default. Orchestration history, instances and work items live in the storage
/// account (Azurite locally), so an orchestration in flight when the process dies carries on
/// after a restart. A Durable Task worker and client connect to it through <see cref="Channel"/>.
/// </summary>
/// <remarks>
/// <para>
/// The test host's dispatchers never renew a work item's lock, so they see the provider through
/// <see cref="LockRenewingOrchestrationService"/>, which does: an activity or orchestration step may
/// run longer than <see cref="DurableSidecarOptions.VisibilityTimeout"/> without its queue message
/// reappearing.
/// </para>
/// <para>
/// The server starts dispatching work only once a worker has connected, and stops dispatching
/// when it stops: stop the worker first, then the sidecar, so that no work item is taken that
/// nobody will run (it would wait out its visibility timeout).
/// </para>
/// </remarks>
public sealed class DurableSidecar : IAsyncDisposable
{
    private readonly WebApplication server;
    private readonly LockRenewingOrchestrationService locks;

    private DurableSidecar(WebApplication server, Uri address, AzureStorageOrchestrationService service, LockRenewingOrchestrationService locks)
    {
        this.server = server;
        this.locks = locks;
        Address = address;
        Service = service;
        Channel = GrpcChannel.ForAddress(address);
    }

    /// <summary>The sidecar's loopback gRPC address.</summary>
    public Uri Address { get; }

    /// <summary>A gRPC channel to the sidecar, for <c>UseGrpc</c> of a Durable Task worker or client.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The Azure Storage orchestration service behind the sidecar (for tests that inspect the task hub).</summary>
    public IOrchestrationServiceClient Service { get; }

    public static async Task<DurableSidecar> StartAsync(DurableSidecarOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.StorageConnectionString),
            TaskHubName = options.TaskHubName,
            PartitionCount = options.PartitionCount,
            WorkItemQueueVisibilityTimeout = options.VisibilityTimeout,
            ControlQueueVisibilityTimeout = options.VisibilityTimeout,
            LoggerFactory = loggerFactory,
        });
        await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var renewing = new LockRenewingOrchestrationService(service, options.VisibilityTimeout, TimeProvider.System, loggerFactory.CreateLogger<LockRenewingOrchestrationService>());
        builder.Services.AddSingleton<IOrchestrationService>(new StopSafeOrchestrationService(renewing));
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new DurableSidecar(server, new Uri(address), service, renewing);
    }

    public async ValueTask DisposeAsync()
    {
        // Work items still held are given back (after their visibility timeout), not renewed on.
        await locks.StopRenewingAsync().ConfigureAwait(false);
        await server.StopAsync().ConfigureAwait(false);
        await server.DisposeAsync().ConfigureAwait(false);
        Channel.Dispose();
    }
}

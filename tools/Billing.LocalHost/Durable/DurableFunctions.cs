using Billing.LocalHost.Invocation;
using Billing.LocalHost.Metadata;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Durable;

/// <summary>
/// The app's Durable side: a Durable Task worker connected to the <see cref="DurableSidecar"/>
/// that registers every <c>orchestrationTrigger</c> and <c>activityTrigger</c> function by its
/// function name (so orchestrators call activities by the names Azure knows them by), and the
/// <see cref="DurableTaskClient"/> that <c>durableClient</c> parameters get.
/// </summary>
internal sealed partial class DurableFunctions : IAsyncDisposable
{
    private readonly IHost host;
    private readonly ILogger logger;
    private int stopped;

    private DurableFunctions(IHost host, ILogger logger)
    {
        this.host = host;
        this.logger = logger;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    /// <param name="aborting">Cancels activities still running when the host's drain is over.</param>
    public static async Task<DurableFunctions> StartAsync(
        DurableSidecar sidecar,
        IReadOnlyList<FunctionMethod> functions,
        FunctionInvoker invoker,
        ILoggerFactory loggers,
        CancellationToken aborting,
        CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(loggers);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IHostLifetime, Http.NoSignalLifetime>();
        var activityLogger = loggers.CreateLogger<FunctionActivity>();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(grpc =>
            {
                grpc.Channel = sidecar.Channel;

                // The sidecar (the in-process test host's TaskHub server) sends no health pings on an
                // idle work-item stream, so the worker's silent-disconnect check (no message for 120 s)
                // would reconnect every two minutes when nothing is billed, and warn each time.
                grpc.SetSilentDisconnectTimeout(TimeSpan.Zero);
            });
            worker.AddTasks(registry =>
            {
                foreach (var function in functions)
                {
                    switch (function.Metadata.Trigger)
                    {
                        case OrchestrationTriggerBinding:
                            registry.AddOrchestrator(function.Name, new FunctionOrchestrator(function, invoker));
                            break;
                        case ActivityTriggerBinding:
                            registry.AddActivity(function.Name, new FunctionActivity(function, invoker, aborting, activityLogger));
                            break;
                    }
                }
            });
        });
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(sidecar.Channel));
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var durable = new DurableFunctions(host, loggers.CreateLogger<DurableFunctions>());
        LogStarted(durable.logger, functions.Count(f => f.Metadata.Trigger is OrchestrationTriggerBinding), functions.Count(f => f.Metadata.Trigger is ActivityTriggerBinding));
        return durable;
    }

    /// <summary>Stops the worker (work items it holds are abandoned and run again after the sidecar's visibility timeout); idempotent.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        host.Dispose();
    }

    [LoggerMessage(EventId = 1800, Level = LogLevel.Information, Message = "Durable worker started: {Orchestrators} orchestrators, {Activities} activities")]
    private static partial void LogStarted(ILogger logger, int orchestrators, int activities);
}

using Billing.LocalHost.Durable;
using Billing.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.LocalHost.Tests.Durable;

/// <summary>
/// The sidecar on a real Azurite: orchestrations run through a Durable Task worker connected over
/// gRPC, their state is in the task hub's tables and queues, so a run interrupted by a stop
/// finishes on the next start, and a finished instance id is never run again.
/// </summary>
public sealed class DurableSidecarTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sidecar_OrchestrationWithTwoActivities_CompletesWithTheirResults()
    {
        var hub = HubName();
        await using var host = await TestHost.StartAsync(azurite, hub, new Gate(open: true));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TwoSteps), "a", new StartOrchestrationOptions("run-1"), Ct);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Ct);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("A-1|A-2", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Sidecar_StoppedWhileAnActivityRuns_TheRunCompletesAfterTheNextStart()
    {
        var hub = HubName();
        var gate = new Gate(open: false);
        await using (var first = await TestHost.StartAsync(azurite, hub, gate))
        {
            await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TwoSteps), "b", new StartOrchestrationOptions("run-2"), Ct);
            await gate.Entered.WaitAsync(Ct); // the first activity is running: stop everything under it
        }

        gate.Open();
        await using var second = await TestHost.StartAsync(azurite, hub, gate);
        var done = await second.Client.WaitForInstanceCompletionAsync("run-2", getInputsAndOutputs: true, Ct);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("B-1|B-2", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Sidecar_FinishedInstanceStartedAgainWithDedupeStatuses_DoesNotRunAgain()
    {
        var hub = HubName();
        await using var host = await TestHost.StartAsync(azurite, hub, new Gate(open: true));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TwoSteps), "c", new StartOrchestrationOptions("run-3"), Ct);
        var first = await host.Client.WaitForInstanceCompletionAsync("run-3", getInputsAndOutputs: true, Ct);

        // The Azure Storage provider ignores such a start silently rather than refusing it.
        var again = new StartOrchestrationOptions("run-3").WithDedupeStatuses(
            OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated);
        try
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TwoSteps), "other", again, Ct);
        }
        catch (InvalidOperationException)
        {
            // Another backend may refuse it instead: either way it does not run again.
        }

        var after = await host.Client.GetInstanceAsync("run-3", getInputsAndOutputs: true, Ct);
        Assert.NotNull(after);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal("C-1|C-2", after.ReadOutputAs<string>());
        Assert.Equal(first.CreatedAt, after.CreatedAt);
    }

    private string HubName() => "hub" + azurite.UniqueName("h")[..12];

    /// <summary>Two activities in a row; the result names both.</summary>
    private sealed class TwoSteps : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var first = await context.CallActivityAsync<string>(nameof(Step), $"{input}-1");
            var second = await context.CallActivityAsync<string>(nameof(Step), $"{input}-2");
            return $"{first}|{second}";
        }
    }

    /// <summary>Upper-cases its input once the test's gate is open.</summary>
    private sealed class Step(Gate gate) : TaskActivity<string, string>
    {
        public override async Task<string> RunAsync(TaskActivityContext context, string input)
        {
            await gate.PassAsync();
            return input.ToUpperInvariant();
        }
    }

    /// <summary>Holds activities until opened, and says when one reached it.</summary>
    private sealed class Gate(bool open)
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource opened = NewOpened(open);

        public Task Entered => entered.Task;

        public void Open() => opened.TrySetResult();

        public Task PassAsync()
        {
            entered.TrySetResult();
            return opened.Task;
        }

        private static TaskCompletionSource NewOpened(bool open)
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (open)
            {
                source.SetResult();
            }

            return source;
        }
    }

    /// <summary>A sidecar with a worker (the test's tasks) and a client, stopped worker first.</summary>
    private sealed class TestHost : IAsyncDisposable
    {
        private readonly DurableSidecar sidecar;
        private readonly IHost worker;

        private TestHost(DurableSidecar sidecar, IHost worker)
        {
            this.sidecar = sidecar;
            this.worker = worker;
        }

        public DurableTaskClient Client => worker.Services.GetRequiredService<DurableTaskClient>();

        public static async Task<TestHost> StartAsync(AzuriteFixture azurite, string hub, Gate gate)
        {
            var sidecar = await DurableSidecar.StartAsync(
                new DurableSidecarOptions { StorageConnectionString = azurite.ConnectionString, TaskHubName = hub, VisibilityTimeout = TimeSpan.FromSeconds(3) },
                NullLoggerFactory.Instance,
                Ct);
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(gate);
            builder.Services.AddDurableTaskWorker(b =>
            {
                b.UseGrpc(sidecar.Channel);
                b.AddTasks(r =>
                {
                    r.AddOrchestrator<TwoSteps>();
                    r.AddActivity<Step>();
                });
            });
            builder.Services.AddDurableTaskClient(b => b.UseGrpc(sidecar.Channel));
            var worker = builder.Build();
            await worker.StartAsync(Ct);
            return new TestHost(sidecar, worker);
        }

        public async ValueTask DisposeAsync()
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
            await sidecar.DisposeAsync();
        }
    }
}

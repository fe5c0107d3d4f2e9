using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Billing.LocalHost.Durable;
using Billing.LocalHost.Tests.RealApp;
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
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(3);

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

    [Fact]
    public async Task Sidecar_OrchestrationStepRunningThreeVisibilityTimeouts_RunsOnceAndCompletes()
    {
        var hub = HubName();
        var input = azurite.UniqueName("d");
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var host = await TestHost.StartAsync(azurite, hub, new Gate(open: true), loggers);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SlowFirstEpisode), input, new StartOrchestrationOptions("run-4"), Ct);
        var done = await host.Client.WaitForInstanceCompletionAsync("run-4", getInputsAndOutputs: true, Ct);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
        Assert.Equal($"{input}-1".ToUpperInvariant(), done.ReadOutputAs<string>());
        Assert.Equal(1, SlowFirstEpisode.FirstEpisodes(input));

        // Without renewal, the step's message was dequeued again while it ran: its completion's delete
        // failed on the changed pop receipt after the history was written, and the next try found two
        // ExecutionStarted events ("potential corruption in state storage") before the run went on.
        Assert.Empty(logs.Records.Select(r => $"{r.Category}: {r.Message}"));

        // The step's control-queue message stayed locked while it ran, and its completion deleted it.
        var queues = Enumerable.Range(0, 4).Select(i => new QueueClient(azurite.ConnectionString, $"{hub.ToLowerInvariant()}-control-{i:00}")).ToArray();
        await Eventually.WaitAsync(
            async () => (await Task.WhenAll(queues.Select(q => q.GetPropertiesAsync(Ct)))).Sum(p => p.Value.ApproximateMessagesCount),
            count => count == 0,
            "the control queues to be empty",
            2 * VisibilityTimeout);
    }

    private string HubName() => "hub" + azurite.UniqueName("h")[..12];

    /// <summary>
    /// One activity, after a first episode that holds its thread for three visibility timeouts: an
    /// orchestration step as slow as a long history's replay on a busy machine. Orchestrators are
    /// created without dependency injection, so it counts its first episodes by input (unique per test).
    /// </summary>
    private sealed class SlowFirstEpisode : TaskOrchestrator<string, string>
    {
        private static readonly ConcurrentDictionary<string, int> Started = new();

        public static int FirstEpisodes(string input) => Started.GetValueOrDefault(input);

        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            if (!context.IsReplaying)
            {
                Started.AddOrUpdate(input, 1, (_, count) => count + 1);

                // Blocking is the point: the step itself is slow, not something it waits for. It sleeps
                // in its first episode only, so its replays are unaffected.
#pragma warning disable DURABLE0003
                Thread.Sleep(3 * VisibilityTimeout);
#pragma warning restore DURABLE0003
            }

            return await context.CallActivityAsync<string>(nameof(Step), $"{input}-1");
        }
    }

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

        /// <param name="loggers">The sidecar's loggers (the provider's and the dispatchers'); none by default.</param>
        public static async Task<TestHost> StartAsync(AzuriteFixture azurite, string hub, Gate gate, ILoggerFactory? loggers = null)
        {
            var sidecar = await DurableSidecar.StartAsync(
                new DurableSidecarOptions { StorageConnectionString = azurite.ConnectionString, TaskHubName = hub, VisibilityTimeout = VisibilityTimeout },
                loggers ?? NullLoggerFactory.Instance,
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
                    r.AddOrchestrator<SlowFirstEpisode>();
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

using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Queues;
using Billing.LocalHost.TestApp;
using Billing.Testing;
using Microsoft.DurableTask.Client;

namespace Billing.LocalHost.Tests;

/// <summary>Orchestrator and activity functions on the Durable worker over the sidecar, on Azurite: in-process, and across a kill of the host process.</summary>
public sealed class DurableTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("billing-localhost-root").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartedThroughADurableClientParameter_OrchestrationRunsTheActivityFunctionsByName()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var host = await harness.StartHostAsync("a");
        using var client = TestAppHarness.Client(host);

        var started = await client.PostAsync("api/flows/run-1?steps=a,b", null, Ct);
        var done = await host.DurableClient!.WaitForInstanceCompletionAsync("run-1", getInputsAndOutputs: true, Ct);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails} {done.SerializedOutput}");
        Assert.Equal("A|B", done.ReadOutputAs<string>());
        Assert.Equal(["step run-1 a", "step done run-1 a", "step run-1 b", "step done run-1 b"], TestAppHarness.Recorder(host).Entries.Where(e => e.StartsWith("step", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ActivityRunningThreeVisibilityTimeouts_RunsOnceTheRunCompletesAndItsMessageIsGone()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var host = await harness.StartHostAsync("a");
        using var client = TestAppHarness.Client(host);
        var slow = $"sleep:{(int)(3 * TestAppHarness.DurableVisibilityTimeout).TotalMilliseconds}";

        await client.PostAsync($"api/flows/run-l?steps=a,{slow},c", null, Ct);
        var done = await host.DurableClient!.WaitForInstanceCompletionAsync("run-l", getInputsAndOutputs: true, Ct);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
        Assert.Equal($"A|{slow.ToUpperInvariant()}|C", done.ReadOutputAs<string>());
        Assert.Equal([$"step run-l {slow}", $"step done run-l {slow}"], TestAppHarness.Recorder(host).Entries.Where(e => e.Contains(slow, StringComparison.Ordinal)));

        // Its lock was renewed, so its message never reappeared, and the completion deleted it. Without
        // renewal, the copy dequeued mid-run changed the pop receipt: the delete failed, and the message
        // came back after every visibility timeout, refused each time as "processed concurrently".
        var workItems = new QueueClient(harness.ConnectionString, $"{harness.Settings["TestApp__HubName"]!.ToLowerInvariant()}-workitems");
        await Eventually.WaitAsync(
            async () => (await workItems.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount,
            count => count == 0,
            "the work-item queue to be empty",
            2 * TestAppHarness.DurableVisibilityTimeout);
    }

    [Fact]
    public async Task HostKilledDuringAnActivity_TheRunCompletesAfterTheNextStart()
    {
        var settings = new Dictionary<string, string?>(TestAppHarness.Create(azurite).Settings) { ["TestApp__RecordDirectory"] = root };
        var marker = Path.Combine(root, "hung");
        var hang = $"hang-once:{marker}";
        using (var first = await HostProcess.StartAsync(settings, root))
        {
            using var client = Client(first);
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"api/flows/run-k?steps=a,{Uri.EscapeDataString(hang)},c", null, Ct)).StatusCode);
            // The activity records its start before it creates the marker: killed in between, it would
            // hang again after the restart, and the run would never end (the flake of issue 11).
            await Eventually.WaitAsync(() => File.Exists(marker), "the second activity to hang");
            first.Process.Kill(); // SIGKILL: nothing of the host runs after it
            await first.Process.WaitForExitAsync(Ct);
        }

        // The second activity runs again (activities run at least once), and this time goes through.
        File.WriteAllText(Path.Combine(root, "records.txt"), string.Empty);
        using var second = await HostProcess.StartAsync(settings, root);
        using var again = Client(second);
        var status = await Eventually.WaitAsync(
            () => again.GetFromJsonAsync<FlowStatusBody>("api/flows/run-k", Ct)!,
            s => s?.Status is "Completed" or "Failed",
            "the run to end after the restart",
            TimeSpan.FromMinutes(3));

        Assert.Equal(new FlowStatusBody("Completed", $"\"A|{hang.ToUpperInvariant()}|C\""), status);
        Assert.DoesNotContain("step run-k a", Records()); // the first activity's result was in the history: not run again
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static HttpClient Client(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", TestAppHarness.HostKey);
        return client;
    }

    private string[] Records()
    {
        var file = Path.Combine(root, "records.txt");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }
}

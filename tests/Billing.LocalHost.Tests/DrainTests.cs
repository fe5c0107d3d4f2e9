using System.Net;
using Billing.Testing;

namespace Billing.LocalHost.Tests;

/// <summary>
/// Stopping drains: no new work is taken, work in flight gets the drain timeout to finish, what
/// is still running then is cancelled and given back, and resumes on the next start.
/// </summary>
public sealed class DrainTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("billing-localhost-root").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StopAsync_BlobInFlight_FinishesWithinTheDrain_AndNoNewBlobIsTaken()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var host = await harness.StartHostAsync("a");
        var gates = TestAppHarness.Gates(host);
        var recorder = TestAppHarness.Recorder(host);
        var etag = await harness.UploadAsync("slow.txt", "gate:slow");
        await host.ScanNowAsync(Ct);
        await gates.Entered("slow").WaitAsync(TimeSpan.FromSeconds(60), Ct);

        var stopping = host.StopAsync(Ct);
        var late = await harness.UploadAsync("late.txt", "ok");
        Assert.False(stopping.IsCompleted);
        gates.Open("slow");
        await stopping;

        Assert.Equal("Done", (await harness.ReceiptAsync("slow.txt", etag))?.GetString("Status"));
        Assert.Null(await harness.ReceiptAsync("late.txt", late));
        Assert.Contains("blob done slow.txt gate:slow", recorder.Entries);
    }

    [Fact]
    public async Task StopAsync_BlobStillRunningAfterTheDrain_IsGivenBackWithoutSpendingATry_AndRunsOnTheNextStart()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var first = await harness.StartHostAsync("first", drainTimeout: TimeSpan.FromSeconds(1));
        var etag = await harness.UploadAsync("stuck.txt", "gate:stuck");
        await first.ScanNowAsync(Ct);
        await TestAppHarness.Gates(first).Entered("stuck").WaitAsync(TimeSpan.FromSeconds(60), Ct);

        await first.StopAsync(Ct); // the gate never opens: cancelled after a second

        var given = await harness.ReceiptAsync("stuck.txt", etag);
        Assert.Equal("Failed", given?.GetString("Status"));
        Assert.Equal(0, given?.GetInt32("Tries"));
        var second = await harness.StartHostAsync("second");
        TestAppHarness.Gates(second).Open("stuck");
        await second.ScanNowAsync(Ct);
        var done = await Eventually.WaitAsync(() => harness.ReceiptAsync("stuck.txt", etag), r => r?.GetString("Status") == "Done", "the blob on the next start");
        Assert.Equal(1, done!.GetInt32("Tries"));
    }

    [Fact]
    public async Task Sigterm_RequestAndBlobInFlightFinish_ThenTheProcessExitsCleanly()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var settings = new Dictionary<string, string?>(harness.Settings) { ["TestApp__RecordDirectory"] = root };
        using var host = await HostProcess.StartAsync(settings, root);
        await harness.UploadAsync("slow.txt", "sleep:3000");
        await Eventually.WaitAsync(() => Task.FromResult(Records()), r => r.Any(l => l.StartsWith("blob slow.txt", StringComparison.Ordinal)), "the blob to start");
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var request = client.GetAsync("api/slow/3000", Ct);
        await Eventually.WaitAsync(() => Task.FromResult(Records()), r => r.Contains("slow started 3000"), "the request to start");

        ProcessTree.Signal(host.Process.Id, 15); // SIGTERM
        var response = await request;
        await host.Process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("done", await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("blob done slow.txt sleep:3000", Records());
        Assert.Equal(0, host.Process.ExitCode);
        Assert.Contains("stopped", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigkill_AzuriteTheHostStartedEndsWithIt()
    {
        var settings = new Dictionary<string, string?>(TestAppHarness.Create(azurite).Settings) { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" };
        Directory.CreateSymbolicLink(Path.Combine(root, "node_modules"), Path.Combine(LocalDev.RepositoryRoot.Find(), "node_modules"));
        using var host = await HostProcess.StartAsync(settings, root, "--azurite");
        var children = ProcessTree.Descendants(host.Process.Id);
        Assert.Contains(children, c => c.Name == "node"); // Azurite

        host.Process.Kill(); // SIGKILL: no signal handler, dispose or finally of the host runs
        await host.Process.WaitForExitAsync(Ct);
        var left = await ProcessTree.WaitEndedAsync(children, TimeSpan.FromSeconds(30), Ct);

        Assert.True(left.Count == 0, $"still running 30 s after the host was killed: {string.Join(", ", left)}");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string[] Records()
    {
        var file = Path.Combine(root, "records.txt");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }
}

using System.Text.Json;
using Billing.LocalDev.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace Billing.LocalHost.Tests;

/// <summary>
/// The timer trigger's schedule monitor on a fake clock. On an Azurite of its own: the timer's
/// lock and status blobs are named by function, like the Functions host's, so tests sharing a
/// storage account would share the timer.
/// </summary>
public sealed class TimerTriggerTests
{
    private const string EveryFiveMinutes = "0 */5 * * * *";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostStoppedAcrossDueTimes_RunsTheTimerOncePastDue_ThenOnSchedule()
    {
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken: Ct);
        await using var harness = TestAppHarness.Create(azurite.ConnectionString, "timer", new Dictionary<string, string?>
        {
            ["TestApp__TickSchedule"] = EveryFiveMinutes,
            ["AzureWebJobs.Tick.Disabled"] = "false",
        });
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 2, 0, TimeSpan.Zero));

        var first = await harness.StartHostAsync("first", clock);
        var initial = await ReadStatusAsync(harness);
        Assert.Empty(TestAppHarness.Recorder(first).Entries);
        Assert.Null(initial.Last);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 5, 0, TimeSpan.Zero), initial.Next);
        await first.StopAsync(Ct);

        clock.Advance(TimeSpan.FromMinutes(30)); // six occurrences pass while no host runs
        var second = await harness.StartHostAsync("second", clock);

        Assert.Equal(["tick pastDue=True"], TestAppHarness.Recorder(second).Entries);
        var pastDue = Assert.Single(second.Invocations, i => i.Function == "Tick");
        Assert.Equal($"{initial.Next:O} (past due)", pastDue.Item);
        var afterCatchUp = await ReadStatusAsync(harness);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 35, 0, TimeSpan.Zero), afterCatchUp.Next);

        clock.Advance(afterCatchUp.Next - clock.GetUtcNow());
        await Eventually.WaitAsync(() => Task.FromResult(TestAppHarness.Recorder(second).Entries.Count), n => n == 2, "the next scheduled run");

        Assert.Equal(["tick pastDue=True", "tick pastDue=False"], TestAppHarness.Recorder(second).Entries);
        var status = await Eventually.WaitAsync(() => ReadStatusAsync(harness), s => s.Last == afterCatchUp.Next, "the status after the scheduled run");
        Assert.Equal(afterCatchUp.Next.AddMinutes(5), status.Next);
        var manual = await second.RunTimerAsync("Tick", Ct);
        Assert.StartsWith("manual@", manual.Item, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => second.RunTimerAsync("Inbox", Ct));
    }

    private static async Task<Status> ReadStatusAsync(TestAppHarness harness)
    {
        var content = await new Azure.Storage.Blobs.BlobServiceClient(harness.ConnectionString)
            .GetBlobContainerClient("runtime-timers").GetBlobClient("Tick/status").DownloadContentAsync(Ct);
        return JsonSerializer.Deserialize<Status>(content.Value.Content.ToString())!;
    }

    private sealed record Status(DateTimeOffset? Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
}

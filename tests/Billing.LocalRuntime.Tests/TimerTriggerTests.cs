using System.Text.Json;
using Billing.LocalRuntime.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Billing.LocalRuntime.Tests;

/// <summary>The timer trigger's schedule monitor, on a fake clock, with the real ClosePeriods function.</summary>
public sealed class TimerTriggerTests
{
    private const string EveryFiveMinutes = "0 */5 * * * *";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RuntimeStoppedAcrossDueTimes_RunsTheTimerOncePastDue_ThenOnSchedule()
    {
        // Anchored 40 days ago: each subscription's first monthly period has ended (by the app's own
        // clock, the real one), so a ClosePeriods run hands one period per customer to invoicing.
        string[] customers = ["cus_A", "cus_B"];
        await using var harness = await RuntimeHarness.CreateAsync(
            DateTimeOffset.UtcNow.AddDays(-40), customers, new Dictionary<string, string?> { ["Billing__ClosePeriodsSchedule"] = EveryFiveMinutes });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        var first = await harness.StartHostAsync("first", clock);
        var initial = await ReadStatusAsync(harness);
        Assert.Empty(ClosePeriods(first));
        Assert.Null(initial.Last);
        Assert.True(initial.Next > clock.GetUtcNow() && initial.Next <= clock.GetUtcNow().AddMinutes(5));
        await first.StopAsync(Ct);

        clock.Advance(TimeSpan.FromMinutes(30)); // six occurrences pass while no runtime runs
        var second = await harness.StartHostAsync("second", clock);

        var pastDue = Assert.Single(ClosePeriods(second));
        Assert.True(pastDue.Succeeded, pastDue.Error);
        Assert.Equal($"{RuntimeHarness.Iso(initial.Next)} (past due)", pastDue.Item);
        Assert.Equal(customers.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), pastDue.ReturnValue);
        var runs = await harness.PeekAsync("invoice-runs");
        Assert.Equal(customers.Length * 2, runs.Count); // per subscription: its start (seats) and its first period's close
        Assert.Equal(customers.Length, runs.Count(r => r.Contains("\"reason\":\"subscription_cycle\"", StringComparison.Ordinal)));
        Assert.Equal(customers.Length, runs.Count(r => r.Contains("\"reason\":\"subscription_create\"", StringComparison.Ordinal)));
        var afterCatchUp = await ReadStatusAsync(harness);
        Assert.True(afterCatchUp.Next > clock.GetUtcNow());

        clock.Advance(afterCatchUp.Next - clock.GetUtcNow());
        await Eventually.WaitAsync(() => ClosePeriods(second).Count == 2, "the next scheduled run");

        var scheduled = ClosePeriods(second)[1];
        Assert.Equal(RuntimeHarness.Iso(afterCatchUp.Next), scheduled.Item);
        Assert.Equal("0", scheduled.ReturnValue); // nothing new to close: no second cycle request
        Assert.Equal(customers.Length * 2, (await harness.PeekAsync("invoice-runs")).Count);
        var status = await Eventually.WaitAsync(() => ReadStatusAsync(harness), s => s.Last == afterCatchUp.Next, "the status after the scheduled run");
        Assert.Equal(afterCatchUp.Next.AddMinutes(5), status.Next);
    }

    [Fact]
    public async Task RunTimerAsync_RunsTheFunctionNow_NotPastDue()
    {
        await using var harness = await RuntimeHarness.CreateAsync(DateTimeOffset.UtcNow.AddDays(-10), ["cus_A"]);
        var host = await harness.StartHostAsync("a");

        var run = await host.RunTimerAsync("ClosePeriods", Ct);

        Assert.True(run.Succeeded, run.Error);
        Assert.StartsWith("manual@", run.Item, StringComparison.Ordinal);
        Assert.Equal("0", run.ReturnValue);
        await Assert.ThrowsAsync<ArgumentException>(() => host.RunTimerAsync("IngestUsageBlob", Ct));
    }

    [Fact]
    public async Task FailedRun_KeepsTheHandlersErrorText()
    {
        await using var harness = await RuntimeHarness.CreateAsync(
            DateTimeOffset.UtcNow.AddDays(-10), ["cus_A"], new Dictionary<string, string?> { ["Billing__CatalogPath"] = "no/such/catalog.json" });
        var host = await harness.StartHostAsync("a");

        var run = await host.RunTimerAsync("ClosePeriods", Ct);

        Assert.False(run.Succeeded);
        Assert.Contains("ClosePeriods failed", run.Error, StringComparison.Ordinal);
        Assert.Contains("catalog.json", run.Error, StringComparison.Ordinal);
    }

    private static List<InvocationRecord> ClosePeriods(LocalFunctionsHost host) => [.. host.Invocations.Where(i => i.Function == "ClosePeriods")];

    private static async Task<Status> ReadStatusAsync(RuntimeHarness harness)
    {
        var content = await harness.Blobs.GetBlobContainerClient("runtime-timers").GetBlobClient("ClosePeriods/status").DownloadContentAsync(Ct);
        return JsonSerializer.Deserialize<Status>(content.Value.Content.ToString())!;
    }

    private sealed record Status(DateTimeOffset? Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
}

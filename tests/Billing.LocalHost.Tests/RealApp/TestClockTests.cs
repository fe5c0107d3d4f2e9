using System.Net;
using System.Text;
using System.Text.Json;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>
/// The test clock through the HTTP front and the real handler process (<c>Billing__TestClock=true</c>):
/// the route of its function, the key, the timers it runs, and a restarted host keeping the time.
/// </summary>
public sealed class TestClockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Advance_PastThePeriodEnd_ClosesIt_AndARestartedAppKeepsTheTime()
    {
        // Anchored 10 days ago: the first monthly period ends in about three weeks of real time.
        var anchor = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-10).ToUnixTimeSeconds());
        string[] customers = ["cus_A", "cus_B"];
        await using var harness = await RuntimeHarness.CreateAsync(anchor, customers, new Dictionary<string, string?> { ["Billing__TestClock"] = "true" });
        var frozen = anchor.AddMonths(1).AddHours(1);
        var first = await harness.StartHostAsync("first");

        using (var anonymous = RuntimeHarness.Client(first, key: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AdvanceAsync(anonymous, frozen)).Status);
        }

        using var client = RuntimeHarness.Client(first);
        var (status, body) = await AdvanceAsync(client, frozen);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(frozen.ToUnixTimeSeconds(), body.GetProperty("frozen_time").GetInt64());
        var timers = body.GetProperty("timers").EnumerateArray().ToArray();
        Assert.Equal(["ClosePeriods", "Reconcile"], timers.Select(t => t.GetProperty("function").GetString()));
        Assert.Equal(customers.Length, timers[0].GetProperty("result").GetInt32());
        var cycleRuns = (await harness.PeekAsync("invoice-runs")).Where(r => r.Contains("subscription_cycle", StringComparison.Ordinal)).ToArray();
        Assert.Equal(customers.Length, cycleRuns.Length);
        Assert.All(cycleRuns, r => Assert.Contains($"\"period_start\":{anchor.ToUnixTimeSeconds()}", r, StringComparison.Ordinal));
        await first.StopAsync(Ct);

        var second = await harness.StartHostAsync("second");
        using var restarted = RuntimeHarness.Client(second);
        using var usage = JsonDocument.Parse(await restarted.GetStringAsync("api/customers/cus_A/usage", Ct));
        Assert.Equal(frozen.ToUnixTimeSeconds(), usage.RootElement.GetProperty("as_of").GetInt64());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> AdvanceAsync(HttpClient client, DateTimeOffset frozenTime)
    {
        using var content = new StringContent($$"""{"frozen_time": {{frozenTime.ToUnixTimeSeconds()}}}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("api/test_helpers/clock/advance", content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}

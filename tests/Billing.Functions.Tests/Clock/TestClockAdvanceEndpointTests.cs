using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Billing.Invoicing.Clock;
using Billing.Functions.Tests.Hosting;
using Billing.Storage.Queues;
using Billing.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Clock;

/// <summary>
/// <c>POST /api/test_helpers/clock/advance</c> on the real HTTP app with <c>Billing:TestClock</c>
/// on; the harness's fake clock is the wall clock under the test clock, at <see cref="AppHarness.Now"/>.
/// </summary>
public sealed class TestClockAdvanceEndpointTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Feb10 = new(2026, 2, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Advance_LaterTime_FreezesTheClockAndTheUsageApiFollowsIt()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp(testClock: true).CreateClient();

        var (status, body) = await TestClockApi.AdvanceAsync(client, Feb10);
        harness.Clock.Advance(TimeSpan.FromDays(3)); // the wall clock moves on; the test clock must not
        var usage = await TestClockApi.UsageAsync(client, "cus_A");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Feb10.ToUnixTimeSeconds(), body.GetProperty("frozen_time").GetInt64());
        Assert.Equal(Feb10.ToUnixTimeSeconds(), usage.GetProperty("as_of").GetInt64());
        var subscription = usage.GetProperty("subscriptions")[0];
        Assert.Equal(February.ToUnixTimeSeconds(), subscription.GetProperty("period_start").GetInt64());
        Assert.Equal(February.AddMonths(1).ToUnixTimeSeconds(), subscription.GetProperty("period_end").GetInt64());
    }

    [Fact]
    public async Task Advance_BeforeTheFirstAdvance_TheClockFollowsTheWallClock()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await using var web = harness.StartWebApp(testClock: true);
        using var client = web.CreateClient();
        harness.Clock.Advance(TimeSpan.FromHours(5));

        var usage = await TestClockApi.UsageAsync(client, "cus_A");

        Assert.IsType<TestClock>(web.Services.GetRequiredService<TimeProvider>());
        Assert.Equal(AppHarness.Now.AddHours(5).ToUnixTimeSeconds(), usage.GetProperty("as_of").GetInt64());
    }

    [Fact]
    public async Task Advance_IngestionWindowFollowsTheTestClock()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp(testClock: true).CreateClient();
        var march20 = new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero);
        await TestClockApi.AdvanceAsync(client, march20);

        // By the wall clock (Jan 20) the first is two months ahead and the second well inside the
        // window; by the test clock the first is a day old and the second older than 35 days.
        var (status, body) = await MeterEventsApi.PostAsync(client, [
            TestEvent.Compute("cus_A", "in-window", march20.AddDays(-1), "10"),
            TestEvent.Compute("cus_A", "too-old", new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), "10"),
        ]);

        Assert.Equal(HttpStatusCode.OK, status);
        var results = body.GetProperty("results");
        Assert.Equal("accepted", results[0].GetProperty("status").GetString());
        Assert.Equal("rejected", results[1].GetProperty("status").GetString());
        Assert.Equal("timestamp_out_of_window", results[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Advance_EarlierThanTheFrozenTime_Returns400AndChangesNothing()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp(testClock: true).CreateClient();
        await TestClockApi.AdvanceAsync(client, Feb10);

        var (status, body) = await TestClockApi.AdvanceAsync(client, Feb10.AddDays(-5));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("clock_backwards", TestClockApi.ErrorCode(body));
        Assert.Contains(Feb10.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), TestClockApi.ErrorMessage(body), StringComparison.Ordinal);
        Assert.Equal(Feb10.ToUnixTimeSeconds(), (await TestClockApi.UsageAsync(client, "cus_A")).GetProperty("as_of").GetInt64());

        // What is stored did not move either: a fresh instance starts at the same time.
        await using var restarted = harness.StartWebApp(testClock: true);
        Assert.Equal(Feb10, restarted.Services.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    [Fact]
    public async Task Advance_EarlierThanTheWallClockBeforeTheFirstAdvance_Returns400AndKeepsFollowingIt()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await using var web = harness.StartWebApp(testClock: true);
        using var client = web.CreateClient();

        var (status, body) = await TestClockApi.AdvanceAsync(client, AppHarness.Now.AddSeconds(-1));
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("clock_backwards", TestClockApi.ErrorCode(body));
        Assert.Contains(AppHarness.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), TestClockApi.ErrorMessage(body), StringComparison.Ordinal);
        Assert.Null(web.Services.GetRequiredService<TestClock>().FrozenTime);
        Assert.Equal(AppHarness.Now.AddMinutes(1), web.Services.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    [Fact]
    public async Task Advance_TestClockOff_Returns404()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await TestClockApi.AdvanceAsync(client, Feb10);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("test_clock_disabled", TestClockApi.ErrorCode(body));
        Assert.Equal(AppHarness.Now.ToUnixTimeSeconds(), (await TestClockApi.UsageAsync(client, "cus_A")).GetProperty("as_of").GetInt64());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1767225600]")]
    [InlineData("{}")]
    [InlineData("""{"frozen_time": null}""")]
    [InlineData("""{"frozen_time": "1770724800"}""")]
    [InlineData("""{"frozen_time": 1770724800.5}""")]
    [InlineData("""{"frozen_time": 1e10}""")]
    [InlineData("""{"frozen_time": 99999999999999999}""")]
    [InlineData("""{"frozen_time": 123456789012345678901234567890}""")]
    public async Task Advance_BadBody_Returns400NamingTheField(string content)
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await using var web = harness.StartWebApp(testClock: true);
        using var client = web.CreateClient();

        var (status, body) = await TestClockApi.PostAsync(client, content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", TestClockApi.ErrorCode(body));
        Assert.Contains("frozen_time", TestClockApi.ErrorMessage(body), StringComparison.Ordinal);
        Assert.Null(web.Services.GetRequiredService<TestClock>().FrozenTime);
    }

    [Fact]
    public async Task Advance_NewAppInstanceOnTheSameStorage_StartsAtTheStoredTime()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await using (var first = harness.StartWebApp(testClock: true))
        {
            using var client = first.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await TestClockApi.AdvanceAsync(client, Feb10)).Status);
        }

        await using var second = harness.StartWebApp(testClock: true);
        using var restarted = second.CreateClient();
        var usage = await TestClockApi.UsageAsync(restarted, "cus_B");
        var (status, body) = await TestClockApi.AdvanceAsync(restarted, Feb10.AddSeconds(-1));

        Assert.Equal(Feb10.ToUnixTimeSeconds(), usage.GetProperty("as_of").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("clock_backwards", TestClockApi.ErrorCode(body));
    }

    [Fact]
    public async Task Advance_PastPeriodEndPlusGrace_RunsClosePeriodsAndEnqueuesTheCycleRuns()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp(testClock: true).CreateClient();
        var queue = new QueueClient(azurite.ConnectionString, harness.Prefix + "invoice-runs", WorkQueues.ClientOptions);
        var closeDue = February.AddHours(1); // January's end plus the default grace period

        var (_, early) = await TestClockApi.AdvanceAsync(client, closeDue.AddSeconds(-1));
        var before = await ReadQueueAsync(queue);
        var (status, due) = await TestClockApi.AdvanceAsync(client, closeDue);
        var (_, again) = await TestClockApi.AdvanceAsync(client, closeDue);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(before, r => r.Reason == "subscription_cycle"); // only the subscriptions' create requests
        Assert.Equal(AppHarness.Customers.Length, before.Count(r => r.Reason == "subscription_create"));
        Assert.Equal(("ClosePeriods", 0), TimerRun(early));
        Assert.Equal(("ClosePeriods", 3), TimerRun(due));
        Assert.Equal("3 periods handed to invoicing", due.GetProperty("timers")[0].GetProperty("message").GetString());
        Assert.Equal(("ClosePeriods", 0), TimerRun(again));
        Assert.Equal(
            AppHarness.Customers.Select(c => ($"sub_{c}", AppHarness.January.Start.ToUnixTimeSeconds(), "subscription_cycle")),
            (await ReadQueueAsync(queue)).Where(r => r.Reason == "subscription_cycle").Order());
    }

    [Fact]
    public async Task Advance_SeveralPeriodsAtOnce_ClosesEveryOneInOneRun()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp(testClock: true).CreateClient();
        var queue = new QueueClient(azurite.ConnectionString, harness.Prefix + "invoice-runs", WorkQueues.ClientOptions);

        var (_, body) = await TestClockApi.AdvanceAsync(client, new DateTimeOffset(2026, 4, 15, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(("ClosePeriods", 9), TimerRun(body));
        var requests = await ReadQueueAsync(queue);
        Assert.Equal(
            new long[] { 1767225600, 1769904000, 1772323200 },
            requests.Where(r => r.Subscription == "sub_cus_A" && r.Reason == "subscription_cycle").Select(r => r.PeriodStart).Order());
    }

    [Fact]
    public async Task Advance_MorePeriodsThanMaxCatchUpPeriods_ClosesEveryOne()
    {
        // Eleven periods per subscription, January to November, well over the default limit of 3
        // that holds a scheduled run back: an advance asked for them.
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp(testClock: true).CreateClient();

        var (status, body) = await TestClockApi.AdvanceAsync(client, new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("ClosePeriods", 3 * 11), TimerRun(body));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheAdvance()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp(testClock: true).CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json", Ct));

        var advance = document.RootElement.GetProperty("paths").GetProperty(TestClockApi.Route).GetProperty("post");
        Assert.Equal("TestClockAdvance", advance.GetProperty("operationId").GetString());
        Assert.True(advance.GetProperty("responses").TryGetProperty("200", out _));
    }

    private static (string Function, int Result) TimerRun(JsonElement body)
    {
        // ClosePeriods runs first; Reconcile (nothing to reconcile in these tests) after it.
        var timers = body.GetProperty("timers").EnumerateArray().ToArray();
        Assert.Equal(["ClosePeriods", "Reconcile"], timers.Select(t => t.GetProperty("function").GetString()));
        return (timers[0].GetProperty("function").GetString()!, timers[0].GetProperty("result").GetInt32());
    }

    private static async Task<IReadOnlyList<(string Subscription, long PeriodStart, string Reason)>> ReadQueueAsync(QueueClient queue)
    {
        var messages = await queue.PeekMessagesAsync(32, Ct);
        return messages.Value
            .Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement)
            .Select(r => (r.GetProperty("subscription").GetString()!, r.GetProperty("period_start").GetInt64(), r.GetProperty("reason").GetString()!))
            .ToArray();
    }
}

using System.Net;
using System.Text.Json;
using Billing.Testing;

namespace Billing.Functions.Tests.Clock;

/// <summary>
/// <c>GET /api/test_helpers/clock</c> on the real HTTP app: the time a relative advance counts
/// from. The harness's fake clock is the wall clock under the test clock.
/// </summary>
public sealed class TestClockNowEndpointTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Feb10 = new(2026, 2, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Now_BeforeTheFirstAdvance_IsTheWallClockToTheSecondAndNothingIsFrozen()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp(testClock: true).CreateClient();
        harness.Clock.Advance(TimeSpan.FromHours(5) + TimeSpan.FromMilliseconds(700));

        var (status, body) = await TestClockApi.NowAsync(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(AppHarness.Now.AddHours(5).ToUnixTimeSeconds(), body.GetProperty("now").GetInt64());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("frozen_time").ValueKind);
    }

    [Fact]
    public async Task Now_AfterAnAdvance_IsTheFrozenTimeWhileTheWallClockMovesOn()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp(testClock: true).CreateClient();
        var (advanced, _) = await TestClockApi.AdvanceAsync(client, Feb10);
        harness.Clock.Advance(TimeSpan.FromDays(3));

        var (status, body) = await TestClockApi.NowAsync(client);

        Assert.Equal(HttpStatusCode.OK, advanced);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Feb10.ToUnixTimeSeconds(), body.GetProperty("now").GetInt64());
        Assert.Equal(Feb10.ToUnixTimeSeconds(), body.GetProperty("frozen_time").GetInt64());
    }

    [Fact]
    public async Task Now_AnotherInstanceAdvanced_AnswersTheStoredTime()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        await using var first = harness.StartWebApp(testClock: true);
        await using var second = harness.StartWebApp(testClock: true);
        using var advancing = first.CreateClient();
        using var reading = second.CreateClient();
        await TestClockApi.NowAsync(reading); // the second instance has loaded the clock before the advance

        await TestClockApi.AdvanceAsync(advancing, Feb10);
        var (_, body) = await TestClockApi.NowAsync(reading);

        Assert.Equal(Feb10.ToUnixTimeSeconds(), body.GetProperty("now").GetInt64());
    }

    [Fact]
    public async Task Now_TestClockOff_Returns404()
    {
        await using var harness = await AppHarness.CreateAsync(azurite);
        using var client = harness.StartWebApp().CreateClient();

        var (status, body) = await TestClockApi.NowAsync(client);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("test_clock_disabled", TestClockApi.ErrorCode(body));
    }
}

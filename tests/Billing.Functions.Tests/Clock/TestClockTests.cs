using Billing.Invoicing.Clock;
using Billing.Storage;
using Billing.Storage.Clock;
using Billing.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Clock;

/// <summary>The test clock on its own: a fake wall clock under it and its table on Azurite.</summary>
public sealed class TestClockTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset WallStart = new(2026, 1, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Feb10 = new(2026, 2, 10, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetUtcNow_BeforeTheFirstAdvance_FollowsTheWallClock()
    {
        var (clock, wall, _) = await NewClockAsync();

        wall.Advance(TimeSpan.FromMinutes(90));

        Assert.Equal(WallStart.AddMinutes(90), clock.GetUtcNow());
        Assert.Null(clock.FrozenTime);
    }

    [Fact]
    public async Task AdvanceAsync_LaterTime_FreezesTheClockWhileTheWallClockMoves()
    {
        var (clock, wall, _) = await NewClockAsync();

        var advance = await clock.AdvanceAsync(Feb10, Ct);
        wall.Advance(TimeSpan.FromDays(40));

        Assert.Equal(new ClockAdvance.Advanced(Feb10), advance);
        Assert.Equal(Feb10, clock.GetUtcNow());
        Assert.Equal(Feb10, clock.FrozenTime);
    }

    [Fact]
    public async Task AdvanceAsync_NonUtcOffset_FreezesAtTheSameInstantInUtc()
    {
        var (clock, _, _) = await NewClockAsync();

        await clock.AdvanceAsync(Feb10.ToOffset(TimeSpan.FromHours(2)), Ct);

        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
        Assert.Equal(Feb10, clock.GetUtcNow());
    }

    [Fact]
    public async Task AdvanceAsync_EarlierThanTheFrozenTime_ReturnsBackwardsAndKeepsTheTime()
    {
        var (clock, _, store) = await NewClockAsync();
        await clock.AdvanceAsync(Feb10, Ct);

        var advance = await clock.AdvanceAsync(Feb10.AddTicks(-1), Ct);

        Assert.Equal(new ClockAdvance.Backwards(Feb10), advance);
        Assert.Equal(Feb10, clock.GetUtcNow());
        Assert.Equal(Feb10, (await store.ReadAsync(Ct))!.FrozenTime);
    }

    [Fact]
    public async Task AdvanceAsync_SameTimeAgain_IsAllowed()
    {
        var (clock, _, _) = await NewClockAsync();
        await clock.AdvanceAsync(Feb10, Ct);

        Assert.Equal(new ClockAdvance.Advanced(Feb10), await clock.AdvanceAsync(Feb10, Ct));
    }

    [Fact]
    public async Task AdvanceAsync_BeforeTheFirstAdvance_RefusesTimesBeforeTheWallClocksSecond()
    {
        var (clock, wall, store) = await NewClockAsync();
        wall.Advance(TimeSpan.FromMilliseconds(700));

        var advance = await clock.AdvanceAsync(WallStart.AddSeconds(-1), Ct);

        Assert.Equal(new ClockAdvance.Backwards(WallStart), advance);
        Assert.Null(await store.ReadAsync(Ct));
        Assert.Equal(WallStart.AddMilliseconds(700), clock.GetUtcNow());
    }

    [Fact]
    public async Task AdvanceAsync_ToTheWallClocksCurrentSecond_IsAllowed()
    {
        // The API speaks whole seconds: "advance to now" must not be refused for the milliseconds.
        var (clock, wall, _) = await NewClockAsync();
        wall.Advance(TimeSpan.FromMilliseconds(700));

        Assert.Equal(new ClockAdvance.Advanced(WallStart), await clock.AdvanceAsync(WallStart, Ct));
    }

    [Fact]
    public async Task LoadAsync_AfterAnotherInstanceAdvanced_TakesTheStoredTime()
    {
        var (first, wall, store) = await NewClockAsync();
        await first.AdvanceAsync(Feb10, Ct);
        var second = new TestClock(store, wall);

        await second.LoadAsync(Ct);

        Assert.Equal(Feb10, second.GetUtcNow());
    }

    [Fact]
    public async Task LoadAsync_NothingStored_FollowsTheWallClock()
    {
        var (clock, wall, _) = await NewClockAsync();

        await clock.LoadAsync(Ct);
        wall.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(WallStart.AddSeconds(5), clock.GetUtcNow());
    }

    [Fact]
    public async Task AdvanceAsync_AnotherInstanceMovedItFurther_RefusesAgainstTheStoredTime()
    {
        var (stale, wall, store) = await NewClockAsync();
        await stale.AdvanceAsync(Feb10, Ct);
        var other = new TestClock(store, wall);
        await other.LoadAsync(Ct);
        await other.AdvanceAsync(Feb10.AddDays(10), Ct);

        var advance = await stale.AdvanceAsync(Feb10.AddDays(5), Ct);

        Assert.Equal(new ClockAdvance.Backwards(Feb10.AddDays(10)), advance);
        Assert.Equal(Feb10.AddDays(10), stale.GetUtcNow());
    }

    [Fact]
    public async Task AdvanceAsync_AfterAnotherInstanceAdvanced_WritesOverItsRow()
    {
        var (stale, wall, store) = await NewClockAsync();
        await stale.AdvanceAsync(Feb10, Ct);
        var other = new TestClock(store, wall);
        await other.AdvanceAsync(Feb10.AddDays(1), Ct);

        var advance = await stale.AdvanceAsync(Feb10.AddDays(2), Ct);

        Assert.Equal(new ClockAdvance.Advanced(Feb10.AddDays(2)), advance);
        Assert.Equal(Feb10.AddDays(2), (await store.ReadAsync(Ct))!.FrozenTime);
    }

    [Fact]
    public async Task AdvanceAsync_ConcurrentCalls_EndAtTheLatestTime()
    {
        var (clock, _, store) = await NewClockAsync();
        var times = Enumerable.Range(1, 8).Select(d => Feb10.AddDays(d)).ToArray();

        var outcomes = await Task.WhenAll(times.Select(t => clock.AdvanceAsync(t, Ct)));

        Assert.Contains(new ClockAdvance.Advanced(times[^1]), outcomes);
        Assert.Equal(times[^1], clock.GetUtcNow());
        Assert.Equal(times[^1], (await store.ReadAsync(Ct))!.FrozenTime);
    }

    [Fact]
    public async Task CreateTimer_WhileFrozen_RunsOnTheWallClock()
    {
        var (clock, wall, _) = await NewClockAsync();
        await clock.AdvanceAsync(Feb10, Ct);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        var start = clock.GetTimestamp();

        wall.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, fired);
        Assert.Equal(TimeSpan.FromSeconds(10), clock.GetElapsedTime(start));
    }

    private async Task<(TestClock Clock, FakeTimeProvider Wall, TestClockStore Store)> NewClockAsync()
    {
        var names = new StorageNames { Prefix = azurite.UniqueName("c")[..20] };
        var store = new TestClockStore(azurite.Tables, names);
        var wall = new FakeTimeProvider(WallStart);
        var clock = new TestClock(store, wall);
        await clock.LoadAsync(Ct);
        return (clock, wall, store);
    }
}

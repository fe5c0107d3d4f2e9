using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests.Commands;

/// <summary><c>billing clock advance</c>: where a relative time counts from, and what it sends.</summary>
public sealed class ClockCommandTests
{
    /// <summary>2027-01-07T15:46:00Z: the test clock, almost a year after the machine's clock of <see cref="CliRun"/>.</summary>
    private const long TestClockNow = 1799336760;

    [Fact]
    public async Task Advance_Relative_CountsFromTheTestClockNotThisMachinesClock()
    {
        await using var server = await ScriptedServer.StartAsync(request => request switch
        {
            "GET /api/test_helpers/clock" => $$"""{"now": {{TestClockNow}}, "frozen_time": {{TestClockNow}}}""",
            "POST /api/test_helpers/clock/advance" => $$"""{"frozen_time": {{TestClockNow + (31 * 86400)}}, "timers": []}""",
            _ => null,
        });

        var result = await CliRun.RunAsync("clock", "advance", "+31d", "--url", server.Url.ToString(), "--key", "k1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["GET /api/test_helpers/clock", "POST /api/test_helpers/clock/advance"], server.Requests);
        Assert.Equal($$"""{"frozen_time":{{TestClockNow + (31 * 86400)}}}""", server.Bodies.Last());
        Assert.Contains("test clock now at 2027-02-07", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Advance_Absolute_SendsTheTimeWithoutReadingTheClock()
    {
        await using var server = await ScriptedServer.StartAsync(request => request == "POST /api/test_helpers/clock/advance" ? """{"frozen_time": 1767225600, "timers": []}""" : null);

        var result = await CliRun.RunAsync("clock", "advance", "2026-01-01T00:00:00Z", "--url", server.Url.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["POST /api/test_helpers/clock/advance"], server.Requests);
        Assert.Equal("""{"frozen_time":1767225600}""", server.Bodies.Single());
    }

    [Fact]
    public async Task Advance_RelativeWhenTheAppHasNoClockRoute_ExplainsTheTestClockIsNotAvailable()
    {
        await using var server = await ScriptedServer.StartAsync(_ => null);

        var result = await CliRun.RunAsync("clock", "advance", "+1d", "--url", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the test clock is not available", result.Error, StringComparison.Ordinal);
        Assert.Equal(["GET /api/test_helpers/clock"], server.Requests);
    }
}

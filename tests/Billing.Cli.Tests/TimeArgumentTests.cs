namespace Billing.Cli.Tests;

public sealed class TimeArgumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 20, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, DateTimeOffset> Valid => new()
    {
        { "1767225600", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        { "0", DateTimeOffset.UnixEpoch },
        { "2026-02-01T00:00:00Z", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero) },
        { "2026-02-01t01:30:00+01:30", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero) },
        { "2026-02-01 00:00:00.5Z", new DateTimeOffset(2026, 2, 1, 0, 0, 0, 500, TimeSpan.Zero) },
        { "+1d", Now.AddDays(1) },
        { "+2h", Now.AddHours(2) },
        { "+30m", Now.AddMinutes(30) },
        { "+45s", Now.AddSeconds(45) },
        { "+1d12h", Now.AddDays(1).AddHours(12) },
        { "+0m", Now },
        { "-1h", Now.AddHours(-1) },
        { " +3d ", Now.AddDays(3) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidForm_GivesTheTime(string text, DateTimeOffset expected)
    {
        Assert.True(TimeArgument.TryParse(text, Now, out var time));
        Assert.Equal(expected, time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tomorrow")]
    [InlineData("+1x")]
    [InlineData("+")]
    [InlineData("1d")]
    [InlineData("+1.5h")]
    [InlineData("+d")]
    [InlineData("-1767225600")]
    [InlineData("2026-02-01T00:00:00")]
    [InlineData("2026-02-01")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("99999999999999999999")]
    [InlineData("+999999999d")]
    public void TryParse_Invalid_IsRefused(string text) => Assert.False(TimeArgument.TryParse(text, Now, out _));

    [Fact]
    public void TryParse_Null_IsRefused() => Assert.False(TimeArgument.TryParse(null, Now, out _));
}

using Billing.Ingestion.Parsing;

namespace Billing.Ingestion.Tests.Parsing;

public sealed class TimestampsTests
{
    [Theory]
    [InlineData("1767225600", "2026-01-01T00:00:00Z")]
    [InlineData("0", "1970-01-01T00:00:00Z")]
    [InlineData("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00.5Z")]
    [InlineData("2026-01-01T02:00:00+02:00", "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-31T23:30:00-01:00", "2026-02-01T00:30:00Z")]
    [InlineData("2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00Z")]
    public void ParseText_UnixSecondsOrRfc3339WithZone_UtcInstant(string text, string expected)
    {
        var parsed = Timestamps.ParseText(text);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-01-01T00:00:00")]
    [InlineData("2026-01-01T00:00:00.123")]
    [InlineData("2026-01-01")]
    [InlineData("2026-01-01 00:00:00Z+")]
    [InlineData("1767225600.0")]
    [InlineData("99999999999999999999")]
    [InlineData("253402300800")]
    [InlineData("Thu, 01 Jan 2026 00:00:00 GMT")]
    public void ParseText_NeitherUnixSecondsNorRfc3339WithZone_Null(string? text)
    {
        Assert.Null(Timestamps.ParseText(text));
    }

    [Fact]
    public void FromUnixSeconds_OutsideDateTimeOffsetRange_Null()
    {
        Assert.Null(Timestamps.FromUnixSeconds(long.MaxValue));
        Assert.Null(Timestamps.FromUnixSeconds(long.MinValue));
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeSeconds(), Timestamps.FromUnixSeconds(253402300799)!.Value.ToUnixTimeSeconds());
    }
}

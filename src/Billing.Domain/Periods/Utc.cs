namespace Billing.Domain.Periods;

/// <summary>Guards and conversions for the UTC instants the domain works with.</summary>
public static class Utc
{
    /// <exception cref="ArgumentException">The instant carries a non-zero offset.</exception>
    public static void Require(DateTimeOffset instant, string paramName)
    {
        if (instant.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException($"{paramName} must be UTC (offset +00:00), got {instant:O}.", paramName);
        }
    }

    public static DateTimeOffset FromUnixSeconds(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);
}

namespace Billing.Domain.Usage;

/// <summary>UTC days as the daily series counts them: an instant's day is its UTC calendar date.</summary>
public static class UsageDays
{
    /// <summary>The day number (<see cref="DateOnly.DayNumber"/>, days since 0001-01-01) of the UTC date of <paramref name="instant"/>.</summary>
    public static int DayNumber(DateTimeOffset instant) => (int)(instant.UtcTicks / TimeSpan.TicksPerDay);

    /// <summary>The UTC date of <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDayNumber(DayNumber(instant));

    /// <summary>Midnight UTC starting <paramref name="date"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

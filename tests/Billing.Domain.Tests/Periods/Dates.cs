namespace Billing.Domain.Tests.Periods;

/// <summary>UTC instants for test tables.</summary>
internal static class Dates
{
    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}

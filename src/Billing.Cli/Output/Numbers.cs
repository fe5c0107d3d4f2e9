using System.Globalization;

namespace Billing.Cli.Output;

/// <summary>Quantities, byte sizes, rates and times as the CLI prints them (invariant culture, UTC).</summary>
internal static class Numbers
{
    /// <summary>A quantity with thousands separators and as many decimals as it has: "3,482.5".</summary>
    public static string Quantity(decimal value) => value.ToString("#,0.############", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>"512 B", "12.3 KB", "4.0 MB" (powers of 1024).</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return unit == 0
            ? $"{bytes.ToString("0", CultureInfo.InvariantCulture)} B"
            : $"{bytes.ToString("0.0", CultureInfo.InvariantCulture)} {units[unit]}";
    }

    /// <summary>"2026-01-01 00:00:00Z" from Unix seconds.</summary>
    public static string Time(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A date alone when the time is midnight UTC ("2026-01-01"), else <see cref="Time"/>.</summary>
    public static string Day(long unixSeconds)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        return time.TimeOfDay == TimeSpan.Zero ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Time(unixSeconds);
    }

    /// <summary>"0.225" → "22.5%".</summary>
    public static string Percent(decimal fraction) => (fraction * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

using System.Globalization;

namespace Billing.Ingestion.Parsing;

/// <summary>Event timestamps: Unix seconds, or RFC 3339 text with a zone (converted to UTC).</summary>
internal static class Timestamps
{
    private static readonly string[] Rfc3339 =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static DateTimeOffset? FromUnixSeconds(long seconds) =>
        seconds is >= -62135596800 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>Digits as Unix seconds, else RFC 3339; null when neither.</summary>
    public static DateTimeOffset? ParseText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unix))
        {
            return FromUnixSeconds(unix);
        }

        // An RFC 3339 timestamp must carry its zone ("Z" or an offset): without one it is ambiguous.
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-');
        return hasZone && DateTimeOffset.TryParseExact(text, Rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Billing.Domain.Periods;

namespace Billing.Domain.Catalog;

/// <summary>
/// Reads an instant such as <c>billing_cycle_anchor</c>: Unix seconds (an integer, as Stripe
/// writes it) or an RFC 3339 string in UTC (<c>Z</c> or <c>+00:00</c>). Other offsets are refused
/// rather than converted: the anchor fixes the period boundaries, and an offset in the catalog
/// most likely means someone expected local-time periods, which the system does not have.
/// Instants fall on whole seconds, because the APIs report periods in Unix seconds.
/// </summary>
internal static partial class TimestampField
{
    /// <summary>The largest Unix second a <see cref="DateTimeOffset"/> holds (9999-12-31T23:59:59Z).</summary>
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>The instant in UTC (offset zero); null (and an error) when absent or invalid.</summary>
    public static DateTimeOffset? Read(ObjectReader obj, string field)
    {
        switch (obj.KindOf(field))
        {
            case null:
                obj.Error(field, "is required");
                return null;
            case JsonValueKind.Number:
                return obj.Integer(field) is { } seconds ? FromUnixSeconds(obj, field, seconds) : null;
            case JsonValueKind.String:
                return obj.String(field) is { } text ? FromRfc3339(obj, field, text) : null;
            default:
                obj.Error(field, "must be Unix seconds (an integer) or an RFC 3339 string");
                return null;
        }
    }

    private static DateTimeOffset? FromUnixSeconds(ObjectReader obj, string field, long seconds)
    {
        if (seconds is < 0 or > MaxUnixSeconds)
        {
            obj.Error(field, $"must be Unix seconds between 0 and {MaxUnixSeconds}, got {seconds}");
            return null;
        }

        return Utc.FromUnixSeconds(seconds);
    }

    private static DateTimeOffset? FromRfc3339(ObjectReader obj, string field, string text)
    {
        var match = Rfc3339().Match(text);
        if (!match.Success)
        {
            obj.Error(field, $"must be Unix seconds or an RFC 3339 timestamp such as 2026-01-01T00:00:00Z, got \"{text}\"");
            return null;
        }

        var offset = match.Groups["offset"].Value;
        if (offset is not ("Z" or "z" or "+00:00"))
        {
            obj.Error(field, $"must be UTC (Z or +00:00), got offset {offset}");
            return null;
        }

        if (!DateTime.TryParseExact(match.Groups["local"].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
        {
            obj.Error(field, $"is not a valid date and time, got \"{text}\"");
            return null;
        }

        if (match.Groups["fraction"].Value.Trim('.', '0').Length > 0)
        {
            obj.Error(field, $"must fall on a whole second, got \"{text}\"");
            return null;
        }

        // The same range as Unix seconds: the APIs report periods as non-negative Unix seconds.
        var instant = new DateTimeOffset(dateTime, TimeSpan.Zero);
        return instant >= DateTimeOffset.UnixEpoch ? instant : FromUnixSeconds(obj, field, instant.ToUnixTimeSeconds());
    }

    [GeneratedRegex(
        @"^(?<local>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(?<fraction>\.[0-9]+)?(?<offset>[Zz]|[+-][0-9]{2}:[0-9]{2})$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}

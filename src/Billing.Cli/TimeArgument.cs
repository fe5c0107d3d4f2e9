using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Billing.Cli;

/// <summary>
/// A point in time as the commands take it: Unix seconds (<c>1767225600</c>), RFC 3339 with a zone
/// (<c>2026-01-01T00:00:00Z</c>, <c>…+02:00</c>), or an offset from now: <c>+1d</c>, <c>+2h</c>,
/// <c>+30m</c>, <c>+45s</c>, combined (<c>+1d12h</c>), or into the past with <c>-</c> (<c>-1h</c>).
/// </summary>
internal static partial class TimeArgument
{
    public const string Forms = "Unix seconds, RFC 3339 with a zone (2026-01-01T00:00:00Z), or relative to now: +1d, +2h, +30m, +45s, -1h";

    /// <summary>Whether <paramref name="text"/> is an offset from now (<c>+1d</c>, <c>-1h</c>) rather than a point in time.</summary>
    public static bool IsRelative(string? text) => text is not null && Relative().IsMatch(text.Trim());

    /// <summary>
    /// An option <paramref name="name"/> taking a time in any of the <see cref="Forms"/>, a relative
    /// one counted from the environment's clock; null when not given, a parse error naming it when not a time.
    /// </summary>
    public static Option<DateTimeOffset?> Option(string name, string description, CliEnvironment environment) => new(name)
    {
        Description = description,
        HelpName = "time",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (TryParse(text, environment.Time.GetUtcNow(), out var parsed))
            {
                return parsed;
            }

            result.AddError($"{name} '{text}' is not a time: use {Forms}.");
            return null;
        },
    };

    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset time)
    {
        time = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.All(char.IsAsciiDigit))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return false;
            }

            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        if (Relative().Match(text) is { Success: true } relative)
        {
            return TryOffset(relative, now, out time);
        }

        return Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    private static bool TryOffset(Match match, DateTimeOffset now, out DateTimeOffset time)
    {
        time = default;
        var offset = TimeSpan.Zero;
        try
        {
            for (var i = 0; i < match.Groups["amount"].Captures.Count; i++)
            {
                var amount = long.Parse(match.Groups["amount"].Captures[i].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                offset = checked(offset + match.Groups["unit"].Captures[i].Value switch
                {
                    "d" => TimeSpan.FromDays(amount),
                    "h" => TimeSpan.FromHours(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    _ => TimeSpan.FromSeconds(amount),
                });
            }

            time = match.Groups["sign"].Value == "-" ? now - offset : now + offset;
            return true;
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^(?<sign>[+-])(?:(?<amount>\d{1,9})(?<unit>[dhms]))+$")]
    private static partial Regex Relative();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}

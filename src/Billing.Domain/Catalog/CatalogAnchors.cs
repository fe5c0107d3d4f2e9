using System.Globalization;
using System.Text;
using System.Text.Json;
using Billing.Domain.Periods;

namespace Billing.Domain.Catalog;

/// <summary>
/// Moves the <c>billing_cycle_anchor</c> of a catalog's subscriptions that start before a given
/// instant to that instant, editing the JSON text in place: everything else (order, spacing,
/// other fields) stays byte for byte, so the result reads like the original.
/// Used to start a sample catalog's subscriptions in the current period, so that nothing before
/// it is billed.
/// </summary>
public static class CatalogAnchors
{
    private const string Subscriptions = "subscriptions";
    private const string Anchor = "billing_cycle_anchor";

    /// <summary>
    /// The catalog <paramref name="json"/> with every subscription anchored before
    /// <paramref name="start"/> anchored at it instead, written in the form the anchor had (Unix
    /// seconds stay a number, RFC 3339 text becomes <c>yyyy-MM-ddTHH:mm:ssZ</c>). Anchors at or
    /// after <paramref name="start"/> are kept.
    /// </summary>
    /// <param name="start">UTC, on a whole second (anchors are).</param>
    /// <exception cref="CatalogException">The catalog is invalid; every problem is listed (nothing is moved in a catalog the app would refuse).</exception>
    public static ReanchoredCatalog StartNoEarlierThan(string json, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(json);
        Utc.Require(start, nameof(start));
        if (start.UtcTicks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"start must fall on a whole second, got {start:O}.", nameof(start));
        }

        // Validated first: the edit below relies on the shape the loader checks (subscriptions an
        // array of objects, each anchor a number or an RFC 3339 string).
        CatalogLoader.Parse(json);

        var utf8 = Encoding.UTF8.GetBytes(json);
        var edits = new List<(int Offset, int Length, string Text)>();
        var moved = new List<string>();
        var reader = new Utf8JsonReader(utf8);
        string? section = null;
        string? id = null;
        AnchorToken? anchor = null;
        while (reader.Read())
        {
            // Depths: the root object 0, its properties 1, a subscription object 2, its properties 3.
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    section = reader.GetString();
                    break;
                case JsonTokenType.StartObject when reader.CurrentDepth == 2 && section == Subscriptions:
                    (id, anchor) = (null, null);
                    break;
                case JsonTokenType.PropertyName when reader.CurrentDepth == 3 && section == Subscriptions:
                    var name = reader.GetString();
                    reader.Read();
                    if (name == "id")
                    {
                        id = reader.GetString();
                    }
                    else if (name == Anchor)
                    {
                        anchor = AnchorToken.Read(ref reader);
                    }

                    break;
                case JsonTokenType.EndObject when reader.CurrentDepth == 2 && section == Subscriptions:
                    if (anchor is { } found && found.Time < start)
                    {
                        edits.Add((found.Offset, found.Length, found.IsNumber ? Seconds(start) : $"\"{Rfc3339(start)}\""));
                        moved.Add(id!);
                    }

                    break;
            }
        }

        return new ReanchoredCatalog(Splice(utf8, edits), moved);
    }

    private static string Splice(byte[] utf8, List<(int Offset, int Length, string Text)> edits)
    {
        using var result = new MemoryStream(utf8.Length);
        var copied = 0;
        foreach (var (offset, length, text) in edits)
        {
            result.Write(utf8, copied, offset - copied);
            result.Write(Encoding.UTF8.GetBytes(text));
            copied = offset + length;
        }

        result.Write(utf8, copied, utf8.Length - copied);
        return Encoding.UTF8.GetString(result.GetBuffer(), 0, (int)result.Length);
    }

    private static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Where an anchor's value sits in the UTF-8 text (quotes included for a string), and what it says.</summary>
    private readonly record struct AnchorToken(int Offset, int Length, bool IsNumber, DateTimeOffset Time)
    {
        public static AnchorToken Read(ref Utf8JsonReader reader)
        {
            var offset = checked((int)reader.TokenStartIndex);
            if (reader.TokenType == JsonTokenType.Number)
            {
                return new AnchorToken(offset, reader.ValueSpan.Length, IsNumber: true, Utc.FromUnixSeconds(reader.GetInt64()));
            }

            // ValueSpan is the text between the quotes as written (escapes not undone), so the
            // token is two bytes longer. The loader accepted it as RFC 3339 in UTC.
            var time = DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
            return new AnchorToken(offset, reader.ValueSpan.Length + 2, IsNumber: false, time);
        }
    }
}

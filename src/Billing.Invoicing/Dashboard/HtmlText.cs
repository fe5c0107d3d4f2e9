using System.Globalization;
using System.Net;
using Billing.Domain.Monetary;

namespace Billing.Invoicing.Dashboard;

/// <summary>Text as the pages show it: HTML-encoded, money in major units with its currency, times in UTC.</summary>
internal static class HtmlText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Encoded for an element's text or a quoted attribute.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Minor units as major units with the currency's exponent: <c>1,234.50 USD</c>.</summary>
    public static string Money(long minor, string currency) =>
        Currency.TryFromCode(currency, out var known)
            ? $"{known.FromMinorUnits(minor).ToString("N" + known.Exponent.ToString(Invariant), Invariant)} {known.Code.ToUpperInvariant()}"
            : $"{minor.ToString("N0", Invariant)} {E(currency.ToUpperInvariant())} (minor units)";

    public static string Quantity(decimal quantity) => quantity.ToString("#,0.####", Invariant);

    /// <summary>A share as a percentage with one decimal, rounded half away from zero: 0.4237 → <c>42.4%</c>.</summary>
    public static string Percent(decimal share) => $"{decimal.Round(share * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0", Invariant)}%";

    public static string Day(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd", Invariant);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);

    public static string Time(long unixSeconds) => Time(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    /// <summary>A <c>&lt;time&gt;</c> element: the readable text, the machine-readable instant.</summary>
    public static string TimeElement(DateTimeOffset at) =>
        $"<time datetime=\"{at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", Invariant)}\">{Time(at)}</time>";

    public static string N(int value) => value.ToString(Invariant);

    /// <summary>
    /// A data cell that names its column (<c>data-label</c>): on a phone, tables of class
    /// <c>stack</c> show each row as a card of "label value" lines instead of scrolling sideways
    /// (the content in one span: one grid item beside the label).
    /// </summary>
    public static string Td(string label, string html, bool number = false) =>
        $"<td data-label=\"{E(label)}\"{(number ? " class=\"num\"" : string.Empty)}><span>{html}</span></td>";

    /// <summary>A row's header cell, labelled as <see cref="Td"/>.</summary>
    public static string RowTh(string label, string html) => $"<th scope=\"row\" data-label=\"{E(label)}\"><span>{html}</span></th>";
}

using System.Globalization;

namespace Billing.Domain.Catalog;

/// <summary>
/// Stripe's paired amount fields, such as <c>unit_amount</c> / <c>unit_amount_decimal</c>: integer
/// minor units, or a decimal string of minor units with at most <see cref="MaxDecimalPlaces"/>
/// decimal places (sub-cent prices). Never both, never negative.
/// </summary>
internal static class MinorAmount
{
    /// <summary>Stripe's limit for <c>*_decimal</c> amounts.</summary>
    public const int MaxDecimalPlaces = 12;

    /// <summary>True when either form of <paramref name="field"/> is given.</summary>
    public static bool IsGiven(ObjectReader obj, string field) => obj.Has(field) || obj.Has(DecimalField(field));

    /// <summary>
    /// The amount in minor units; null when neither form is given or the given one is invalid (an
    /// error is then recorded).
    /// </summary>
    public static decimal? Read(ObjectReader obj, string field)
    {
        var decimalField = DecimalField(field);
        var whole = obj.Has(field) && obj.Integer(field) is { } integer ? NonNegative(obj, field, integer) : null;
        var precise = obj.Has(decimalField) && obj.String(decimalField) is { } text ? ParseDecimal(obj, decimalField, text) : null;
        if (obj.Has(field) && obj.Has(decimalField))
        {
            obj.Error(decimalField, $"cannot be combined with {field}; give one of them");
            return null;
        }

        return whole ?? precise;
    }

    private static string DecimalField(string field) => field + "_decimal";

    private static decimal? NonNegative(ObjectReader obj, string field, decimal amount)
    {
        if (amount < 0)
        {
            obj.Error(field, $"cannot be negative, got {amount.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return amount;
    }

    // Plain digits with an optional point and sign: no exponent, no group separators, no spaces,
    // so the string means the same to us as to Stripe.
    private static decimal? ParseDecimal(ObjectReader obj, string field, string text)
    {
        var digits = text.StartsWith('-') ? text[1..] : text;
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        var places = point < 0 ? 0 : digits.Length - point - 1;
        var wellFormed = digits.Length > 0
            && digits != "."
            && digits.All(c => char.IsAsciiDigit(c) || c == '.')
            && digits.Count(c => c == '.') <= 1;
        if (!wellFormed || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            obj.Error(field, $"must be a decimal string of minor units such as \"0.25\", got \"{text}\"");
            return null;
        }

        if (places > MaxDecimalPlaces)
        {
            obj.Error(field, $"has {places} decimal places; at most {MaxDecimalPlaces} are allowed");
            return null;
        }

        return NonNegative(obj, field, amount);
    }
}

using System.Globalization;

namespace Billing.Ingestion.Validation;

/// <summary>
/// Reads a meter event's value (docs/contracts.md §1): a decimal number, plain or with an
/// exponent, of at most <see cref="MaxDigits"/> digits when written out in full, not counting
/// zeros before the first non-zero digit or after the last non-zero decimal. That is Stripe's
/// limit of 15 significant digits, counted so that it also bounds the size (|value| at most
/// <see cref="MaxMagnitude"/>) and the decimal places (at most 15).
/// </summary>
/// <remarks>
/// Why these bounds: a period's sum cannot overflow <see cref="decimal"/> (about 7.9 × 10^28) before
/// it holds 7.9 × 10^13 events of the largest value, more than a million a second for a whole year;
/// and every value is exact in a decimal (and in a double, which is why Stripe chose 15), so a value
/// means to us what it means to the client that sent it. The digits are counted on the text, not
/// on the parsed decimal, which would silently round a 30-digit literal or turn <c>1e-40</c> into 0.
/// </remarks>
public static class EventValues
{
    /// <summary>Digits a value may have, written out in full (Stripe's significant-digit limit).</summary>
    public const int MaxDigits = 15;

    /// <summary>The largest accepted |value|: 10^15 − 1.</summary>
    public const decimal MaxMagnitude = 999_999_999_999_999m;

    // Beyond this an exponent only makes the digit count larger; clamping keeps the arithmetic in range.
    private const int ExponentClamp = 1_000;

    /// <summary>
    /// Reads <paramref name="text"/> as <see cref="NumberStyles.Float"/> in the invariant culture
    /// does (surrounding white space, a leading sign, a decimal point, an exponent), within the bounds.
    /// </summary>
    public static ValueReading Read(string text, out decimal value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        if (!TryCountDigits(text.AsSpan().Trim(" \t\n\v\f\r"), out var digits))
        {
            return ValueReading.NotANumber;
        }

        if (digits > MaxDigits)
        {
            return ValueReading.OutOfRange;
        }

        // At most 15 digits: always exact and in range, so this only fails on a form the scan let
        // through that decimal does not read, which is then not a number to us either.
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) ? ValueReading.Accepted : ValueReading.NotANumber;
    }

    /// <summary>
    /// Scans <c>[+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?</c> and counts the digits of the value
    /// written out in full: from the first non-zero digit (or the decimal point, if that comes
    /// first) to the last non-zero digit (or the decimal point, if that comes last). Zero has none.
    /// </summary>
    private static bool TryCountDigits(ReadOnlySpan<char> text, out int digits)
    {
        digits = 0;
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        int integerDigits = 0, fractionDigits = 0;
        int firstNonZero = -1, lastNonZero = -1, position = 0; // positions count mantissa digits only
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++, integerDigits++, position++)
        {
            Mark(text[i], position, ref firstNonZero, ref lastNonZero);
        }

        if (i < text.Length && text[i] == '.')
        {
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++, fractionDigits++, position++)
            {
                Mark(text[i], position, ref firstNonZero, ref lastNonZero);
            }
        }

        if (integerDigits + fractionDigits == 0)
        {
            return false;
        }

        var exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            var negative = i < text.Length && text[i] == '-';
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var start = i;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                exponent = Math.Min(ExponentClamp, (exponent * 10) + (text[i] - '0'));
            }

            if (i == start)
            {
                return false;
            }

            exponent = negative ? -exponent : exponent;
        }

        if (i != text.Length)
        {
            return false;
        }

        if (firstNonZero < 0)
        {
            return true; // zero, however written
        }

        // The decimal point sits after this many mantissa digits once the exponent is applied.
        var point = integerDigits + exponent;
        digits = Math.Max(0, point - firstNonZero) + Math.Max(0, lastNonZero + 1 - point);
        return true;
    }

    private static void Mark(char digit, int position, ref int firstNonZero, ref int lastNonZero)
    {
        if (digit != '0')
        {
            firstNonZero = firstNonZero < 0 ? position : firstNonZero;
            lastNonZero = position;
        }
    }
}

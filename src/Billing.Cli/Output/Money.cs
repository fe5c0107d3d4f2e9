using System.Globalization;
using Billing.Domain.Monetary;

namespace Billing.Cli.Output;

/// <summary>Formats integer minor units for people, with the currency's exponent (usd 2, jpy 0).</summary>
internal static class Money
{
    /// <returns>
    /// "USD 1,234.56" for 123456 usd minor units, "JPY 1,235" for 1235 jpy, "USD -0.50" for -50;
    /// a currency the domain does not know is shown as its minor units: "1234 xyz (minor units)".
    /// </returns>
    public static string Format(long minorUnits, string currencyCode)
    {
        if (!Currency.TryFromCode(currencyCode, out var currency))
        {
            return $"{minorUnits.ToString(CultureInfo.InvariantCulture)} {currencyCode} (minor units)";
        }

        var major = currency.FromMinorUnits(minorUnits);
        return $"{currency.Code.ToUpperInvariant()} {major.ToString("N" + currency.Exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}";
    }
}

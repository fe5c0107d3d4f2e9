using System.Globalization;
using Billing.Domain.Monetary;

namespace Billing.Domain.Pricing;

/// <summary>
/// The bound on what one invoice line may bill (docs/contracts.md §5): the price of a period's
/// quantity, and the line that bills the part of it not yet billed, are each at most
/// <see cref="MaxMinor"/> minor units either way.
/// </summary>
/// <remarks>
/// Stripe's amounts have at most 12 digits in any currency (999,999,999,999 minor units, for the
/// currencies with the largest limit); most currencies allow fewer on a charge (8 digits for usd).
/// A line beyond 12 digits can therefore never be billed through Stripe, and the bound keeps every
/// sum of lines far inside a <see cref="long"/>. What lies beyond it is reported, not thrown: see
/// <see cref="Price.Quote"/>.
/// </remarks>
public static class LineAmounts
{
    /// <summary>999,999,999,999 minor units (USD 9,999,999,999.99; JPY 999,999,999,999).</summary>
    public const long MaxMinor = 999_999_999_999;

    /// <summary>The stable reason code of a line beyond the bound.</summary>
    public const string OutOfRangeCode = "amount_out_of_range";

    public static bool IsWithin(long amountMinor) => amountMinor is >= -MaxMinor and <= MaxMinor;

    /// <summary>The bound in <paramref name="currency"/>, for messages: "9999999999.99 usd (999999999999 minor units)".</summary>
    public static string Describe(Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return $"{Format(currency.FromMinorUnits(MaxMinor), currency)} ({MaxMinor.ToString(CultureInfo.InvariantCulture)} minor units)";
    }

    /// <summary>A major-unit amount with the currency's decimal places: "12.50 usd".</summary>
    public static string Format(decimal amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return $"{amount.ToString("F" + currency.Exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)} {currency.Code}";
    }
}

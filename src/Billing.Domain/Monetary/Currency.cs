namespace Billing.Domain.Monetary;

/// <summary>
/// An ISO 4217 currency as Stripe names it (lower-case code) with its minor-unit exponent:
/// 2 for usd (cents), 0 for jpy. All rounding of money goes through <see cref="Round"/>.
/// </summary>
public sealed class Currency : IEquatable<Currency>
{
    public static readonly Currency Usd = new("usd", 2);
    public static readonly Currency Eur = new("eur", 2);
    public static readonly Currency Gbp = new("gbp", 2);
    public static readonly Currency Chf = new("chf", 2);
    public static readonly Currency Jpy = new("jpy", 0);
    public static readonly Currency Krw = new("krw", 0);

    private static readonly Dictionary<string, Currency> Known =
        new[] { Usd, Eur, Gbp, Chf, Jpy, Krw }.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    private readonly decimal minorPerMajor;

    private Currency(string code, int exponent)
    {
        Code = code;
        Exponent = exponent;
        minorPerMajor = Pow10(exponent);
    }

    /// <summary>Lower-case ISO 4217 code, as Stripe spells it ("usd").</summary>
    public string Code { get; }

    /// <summary>Number of decimal places of the minor unit: 2 for usd, 0 for jpy.</summary>
    public int Exponent { get; }

    public static IReadOnlyCollection<Currency> All => Known.Values;

    public static bool TryFromCode(string? code, out Currency currency)
    {
        if (code is not null && Known.TryGetValue(code, out var found))
        {
            currency = found;
            return true;
        }

        currency = Usd;
        return false;
    }

    /// <exception cref="ArgumentException">The code is not a supported currency.</exception>
    public static Currency FromCode(string code) =>
        TryFromCode(code, out var currency)
            ? currency
            : throw new ArgumentException($"Unsupported currency '{code}'.", nameof(code));

    /// <summary>Rounds a major-unit amount to this currency's exponent, half away from zero.</summary>
    public decimal Round(decimal amount) => Math.Round(amount, Exponent, MidpointRounding.AwayFromZero);

    /// <summary>Converts minor units (possibly fractional, as in <c>unit_amount_decimal</c>) to major units. Exact.</summary>
    public decimal FromMinorUnits(decimal minorUnits) => minorUnits / minorPerMajor;

    /// <summary>Converts an amount already rounded to this currency to whole minor units.</summary>
    /// <exception cref="ArgumentException">The amount has more decimals than the currency allows.</exception>
    public long ToMinorUnits(decimal roundedAmount)
    {
        var minor = roundedAmount * minorPerMajor;
        if (minor != decimal.Truncate(minor))
        {
            throw new ArgumentException(
                $"{roundedAmount} is not rounded to {Code}'s {Exponent} decimal places; round the line first.",
                nameof(roundedAmount));
        }

        return decimal.ToInt64(minor);
    }

    public bool Equals(Currency? other) => ReferenceEquals(this, other) || (other is not null && other.Code == Code);

    public override bool Equals(object? obj) => Equals(obj as Currency);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);

    public override string ToString() => Code;

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }
}

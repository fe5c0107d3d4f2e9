namespace Billing.Domain.Monetary;

/// <summary>
/// An amount in major units (dollars, yen) of one currency. Not rounded until
/// <see cref="Rounded"/> is called, which happens once per invoice line.
/// </summary>
public readonly record struct Money(decimal Amount, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>Money from whole or fractional minor units (Stripe's <c>unit_amount</c> / <c>unit_amount_decimal</c>).</summary>
    public static Money FromMinorUnits(decimal minorUnits, Currency currency) =>
        new(currency.FromMinorUnits(minorUnits), currency);

    /// <summary>This amount rounded half away from zero to the currency's exponent.</summary>
    public Money Rounded() => this with { Amount = Currency.Round(Amount) };

    /// <summary>Whole minor units; the amount must already be rounded.</summary>
    public long ToMinorUnits() => Currency.ToMinorUnits(Amount);

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, Same(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, Same(left, right));

    public static Money operator *(Money money, decimal factor) => money with { Amount = money.Amount * factor };

    public static Money operator *(decimal factor, Money money) => money * factor;

    public override string ToString() => $"{Amount} {Currency.Code}";

    private static Currency Same(Money left, Money right) =>
        left.Currency.Equals(right.Currency)
            ? left.Currency
            : throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
}

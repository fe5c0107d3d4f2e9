using System.Globalization;
using Billing.Domain.Monetary;

namespace Billing.Domain.Pricing;

/// <summary>A price of the catalog (Stripe's shape): currency, charge model and recurrence.</summary>
public sealed record Price
{
    public Price(string id, Currency currency, PricingModel model, Recurring recurring)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(recurring);
        var modelCurrency = model switch
        {
            PerUnitModel perUnit => perUnit.UnitAmount.Currency,
            TieredModel tiered => tiered.Tiers[0].UnitAmount.Currency,
            _ => currency,
        };
        if (!modelCurrency.Equals(currency))
        {
            throw new ArgumentException($"Price {id} is in {currency} but its amounts are in {modelCurrency}.", nameof(model));
        }

        Id = id;
        Currency = currency;
        Model = model;
        Recurring = recurring;
    }

    public string Id { get; }

    public Currency Currency { get; }

    public PricingModel Model { get; }

    public Recurring Recurring { get; }

    public bool IsMetered => Recurring.UsageType == UsageType.Metered;

    /// <summary>Prices <paramref name="quantity"/> (raw usage or seats; the package transform is applied here).</summary>
    /// <exception cref="OverflowException">The price is beyond what a decimal holds; <see cref="Quote"/> reports it instead.</exception>
    public PriceBreakdown PriceOf(decimal quantity) => ChargeModels.Price(Model, quantity, Currency);

    /// <summary>
    /// Prices <paramref name="quantity"/> for an invoice line: rounded once to whole minor units, or
    /// out of range when that is more than <see cref="LineAmounts.MaxMinor"/> either way. Usage is
    /// data, not an invariant, so a price too large to bill is an outcome here, never an exception.
    /// </summary>
    public PriceQuote Quote(decimal quantity)
    {
        PriceBreakdown breakdown;
        decimal rounded;
        try
        {
            breakdown = PriceOf(quantity);
            rounded = breakdown.Unrounded.Rounded().Amount;
        }
        catch (OverflowException)
        {
            // Decimal arithmetic is always checked: a price past its range (about 7.9e28) is far past the bound too.
            return new PriceQuote.OutOfRange(quantity, OutOfRangeMessage(quantity, "more than a decimal number holds"));
        }

        var limit = Currency.FromMinorUnits(LineAmounts.MaxMinor);
        return Math.Abs(rounded) > limit
            ? new PriceQuote.OutOfRange(quantity, OutOfRangeMessage(quantity, LineAmounts.Format(rounded, Currency)))
            : new PriceQuote.Priced(breakdown, Currency.ToMinorUnits(rounded));
    }

    private string OutOfRangeMessage(decimal quantity, string price) => string.Create(
        CultureInfo.InvariantCulture,
        $"price {Id}: a quantity of {quantity} prices to {price}, beyond the largest line amount of {LineAmounts.Describe(Currency)} either way");
}

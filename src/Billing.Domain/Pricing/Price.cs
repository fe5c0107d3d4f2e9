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
    public PriceBreakdown PriceOf(decimal quantity) => ChargeModels.Price(Model, quantity, Currency);
}

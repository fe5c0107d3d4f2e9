using Billing.Domain.Meters;
using Billing.Domain.Monetary;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Builders;

/// <summary>
/// Meters and prices for tests, monthly and in USD unless told otherwise. Amounts are in the
/// currency's minor units, possibly fractional (<c>unit_amount_decimal</c>), as in the catalog.
/// </summary>
internal static class TestCatalog
{
    /// <summary>A mid-month anchor: period 0 is [2026-01-15, 2026-02-15).</summary>
    public static readonly DateTimeOffset Anchor = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    public static Meter Meter(string id, AggregationFormula formula = AggregationFormula.Sum, bool allowNegative = false) =>
        new(id, $"{id}_event", formula, allowNegative: allowNegative);

    /// <summary>A metered per-unit price named after its meter: <c>price_{meterId}</c>.</summary>
    public static Price PerUnit(string meterId, decimal unitAmountMinor, Currency? currency = null, TransformQuantity? transform = null)
    {
        var cur = currency ?? Currency.Usd;
        return new Price(PriceIdFor(meterId), cur, new PerUnitModel(Money.FromMinorUnits(unitAmountMinor, cur), transform), Metered(meterId));
    }

    /// <summary>A package price: <c>unit_amount</c> per started (up) or completed (down) package.</summary>
    public static Price Package(string meterId, decimal unitAmountMinor, long divideBy, RoundingDirection round = RoundingDirection.Up) =>
        PerUnit(meterId, unitAmountMinor, transform: new TransformQuantity(divideBy, round));

    public static Price Graduated(string meterId, params (decimal? UpTo, decimal UnitMinor, decimal FlatMinor)[] tiers) =>
        Tiered(PriceIdFor(meterId), TiersMode.Graduated, Currency.Usd, Metered(meterId), tiers);

    public static Price Volume(string meterId, params (decimal? UpTo, decimal UnitMinor, decimal FlatMinor)[] tiers) =>
        Tiered(PriceIdFor(meterId), TiersMode.Volume, Currency.Usd, Metered(meterId), tiers);

    /// <summary>A licensed (seat) per-unit price.</summary>
    public static Price Seats(string id, decimal unitAmountMinor, Currency? currency = null)
    {
        var cur = currency ?? Currency.Usd;
        return new Price(id, cur, new PerUnitModel(Money.FromMinorUnits(unitAmountMinor, cur)), Licensed());
    }

    public static Price Tiered(
        string id,
        TiersMode mode,
        Currency currency,
        Recurring recurring,
        IEnumerable<(decimal? UpTo, decimal UnitMinor, decimal FlatMinor)> tiers) =>
        new(id, currency, new TieredModel(mode, [.. tiers.Select(t => Tier.Create(t.UpTo, t.UnitMinor, t.FlatMinor, currency))]), recurring);

    public static string PriceIdFor(string meterId) => $"price_{meterId}";

    public static Recurring Metered(string meterId) => new(BillingInterval.Month, 1, UsageType.Metered, meterId);

    public static Recurring Licensed() => new(BillingInterval.Month, 1, UsageType.Licensed, null);
}

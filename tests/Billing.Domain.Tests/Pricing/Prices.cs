using Billing.Domain.Monetary;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Pricing;

/// <summary>
/// Builds monthly metered prices from the minor-unit numbers a catalog states (Stripe's
/// <c>unit_amount[_decimal]</c> and <c>flat_amount</c>, in cents for usd, yen for jpy).
/// A tier is written <c>(upTo, unitMinor, flatMinor)</c>, <c>upTo</c> null for the open-ended tier.
/// </summary>
internal static class Prices
{
    public static Price PerUnit(decimal unitAmountMinor, string currency = "usd") =>
        Metered(new PerUnitModel(Money.FromMinorUnits(unitAmountMinor, Currency.FromCode(currency))), currency);

    public static Price Package(decimal unitAmountMinor, long divideBy, RoundingDirection round, string currency = "usd") =>
        Metered(
            new PerUnitModel(Money.FromMinorUnits(unitAmountMinor, Currency.FromCode(currency)), new TransformQuantity(divideBy, round)),
            currency);

    public static Price Graduated(params (decimal? UpTo, decimal UnitMinor, decimal FlatMinor)[] tiers) =>
        Metered(Tiers(TiersMode.Graduated, "usd", tiers), "usd");

    public static Price Volume(params (decimal? UpTo, decimal UnitMinor, decimal FlatMinor)[] tiers) =>
        Metered(Tiers(TiersMode.Volume, "usd", tiers), "usd");

    public static Price Tiered(TiersMode mode, params (decimal? UpTo, decimal UnitMinor, decimal FlatMinor)[] tiers) =>
        Metered(Tiers(mode, "usd", tiers), "usd");

    public static TieredModel Tiers(TiersMode mode, string currency, params (decimal? UpTo, decimal UnitMinor, decimal FlatMinor)[] tiers) =>
        new(mode, tiers.Select(t => Tier.Create(t.UpTo, t.UnitMinor, t.FlatMinor, Currency.FromCode(currency))).ToArray());

    private static Price Metered(PricingModel model, string currency) =>
        new("price_test", Currency.FromCode(currency), model, new Recurring(BillingInterval.Month, 1, UsageType.Metered, "meter_test"));
}

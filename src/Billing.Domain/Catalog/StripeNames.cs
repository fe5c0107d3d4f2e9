using Billing.Domain.Meters;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Domain.Catalog;

/// <summary>The enum values of the catalog as Stripe spells them (exact, lower case).</summary>
internal static class StripeNames
{
    public static readonly IReadOnlyDictionary<string, AggregationFormula> Formulas = new Dictionary<string, AggregationFormula>
    {
        ["sum"] = AggregationFormula.Sum,
        ["count"] = AggregationFormula.Count,
        ["last"] = AggregationFormula.Last,
        ["max"] = AggregationFormula.Max,
        ["unique_count"] = AggregationFormula.UniqueCount,
    };

    public static readonly IReadOnlyDictionary<string, BillingScheme> BillingSchemes = new Dictionary<string, BillingScheme>
    {
        ["per_unit"] = BillingScheme.PerUnit,
        ["tiered"] = BillingScheme.Tiered,
    };

    public static readonly IReadOnlyDictionary<string, TiersMode> TiersModes = new Dictionary<string, TiersMode>
    {
        ["graduated"] = TiersMode.Graduated,
        ["volume"] = TiersMode.Volume,
    };

    public static readonly IReadOnlyDictionary<string, BillingInterval> Intervals = new Dictionary<string, BillingInterval>
    {
        ["day"] = BillingInterval.Day,
        ["week"] = BillingInterval.Week,
        ["month"] = BillingInterval.Month,
        ["year"] = BillingInterval.Year,
    };

    public static readonly IReadOnlyDictionary<string, UsageType> UsageTypes = new Dictionary<string, UsageType>
    {
        ["licensed"] = UsageType.Licensed,
        ["metered"] = UsageType.Metered,
    };

    public static readonly IReadOnlyDictionary<string, RoundingDirection> Roundings = new Dictionary<string, RoundingDirection>
    {
        ["up"] = RoundingDirection.Up,
        ["down"] = RoundingDirection.Down,
    };
}

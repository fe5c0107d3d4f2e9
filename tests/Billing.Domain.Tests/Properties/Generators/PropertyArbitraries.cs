using Billing.Domain.Meters;
using Billing.Domain.Monetary;
using Billing.Domain.Pricing;
using Billing.Domain.Tests.Builders;
using FsCheck;
using FsCheck.Fluent;

namespace Billing.Domain.Tests.Properties.Generators;

/// <summary>Arbitraries for the property tests, registered with <c>[Property(Arbitrary = …)]</c>.</summary>
public static class PropertyArbitraries
{
    /// <summary>The number of meters <see cref="PrefixScenario"/> events are spread over.</summary>
    public const int PrefixMeterCount = 8;

    private static readonly DateTimeOffset SampleEpoch = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    public static Arbitrary<PrefixScenario> PrefixScenario()
    {
        var usageEvent =
            from meter in Gen.Choose(0, PrefixMeterCount - 1)
            from value in Decimals.Increment
            from minute in Gen.Choose(0, 500)
            from key in Gen.Elements("a", "b", "c", "d", "e", "f", "g", "h")
            select new UsageEvent(meter, value, minute, key);
        var amountGte = Gen.Frequency(
            (3, Gen.Choose(1, 100)),
            (2, Gen.Choose(100, 10_000)),
            (1, Gen.Choose(10_000, 10_000_000))).Select(a => (long)a);
        var step = Gen.Frequency(
            (3, usageEvent.Select(e => new PrefixStep(e, null))),
            (1, amountGte.Select(a => new PrefixStep(null, a))));
        var late = Gen.Frequency(
            (1, Gen.Constant(Array.Empty<UsageEvent>())),
            (2, Gen.ArrayOf(usageEvent).Select(e => e.Take(10).ToArray())));
        return (from steps in Gen.ListOf(step)
                from lateEvents in late
                select new PrefixScenario(steps, lateEvents)).ToArbitrary();
    }

    /// <summary>Prices whose model is monotonic: per-unit, package, graduated.</summary>
    public static Arbitrary<PricedQuantities> PricedQuantities() =>
        Gen.OneOf(PricedQuantities(PerUnitPrice()), PricedQuantities(TieredPrice(TiersMode.Graduated))).ToArbitrary();

    public static Arbitrary<VolumeQuantities> VolumeQuantities() =>
        PricedQuantities(TieredPrice(TiersMode.Volume)).Select(c => new VolumeQuantities(c)).ToArbitrary();

    public static Arbitrary<MergeCase> MergeCase()
    {
        var sample =
            from second in Gen.Choose(0, 20)
            from value in Gen.Frequency((4, Decimals.Upto(1_000_000)), (1, Decimals.Upto(1000).Select(d => -d)))
            from key in Gen.Elements("a", "b", "c", "d", "1", "1.0")
            select new UsageSample(SampleEpoch.AddSeconds(second), value, key);

        // A cut count per gap between samples: 0 keeps them in one group, 2 inserts an empty group.
        var cuts = Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)));
        var groups =
            from samples in Gen.ListOf(sample)
            from gaps in Gen.ArrayOf(cuts, samples.Count + 1)
            select Split(samples, gaps);

        return (from formula in Gen.Elements(Enum.GetValues<AggregationFormula>())
                from g in groups
                from order in Gen.Shuffle(Enumerable.Range(0, g.Count))
                from seed in Gen.Choose(0, int.MaxValue)
                select new MergeCase(formula, g, order, seed)).ToArbitrary();
    }

    private static Gen<PricedQuantities> PricedQuantities(Gen<Price> prices) =>
        from price in prices
        from lower in Quantity(price)
        from delta in Gen.Frequency((1, Gen.Constant(0m)), (1, Gen.Constant(0.000001m)), (6, Decimals.Increment))
        select new PricedQuantities(price, lower, lower + delta);

    /// <summary>Any quantity, or one on or just around a tier boundary or a package size.</summary>
    private static Gen<decimal> Quantity(Price price)
    {
        var edges = price.Model switch
        {
            TieredModel tiered => tiered.Tiers.Where(t => t.UpTo is not null).Select(t => t.UpTo!.Value).ToArray(),
            PerUnitModel { Transform: { } transform } => [transform.DivideBy, transform.DivideBy * 3m],
            _ => [],
        };
        var any = Decimals.Increment;
        if (edges.Length == 0)
        {
            return any;
        }

        var nearEdge =
            from edge in Gen.Elements(edges)
            from nudge in Gen.Elements(-0.000001m, 0m, 0.000001m)
            select Math.Max(0m, edge + nudge);
        return Gen.Frequency((1, any), (1, nearEdge));
    }

    private static Gen<Currency> Currencies { get; } = Gen.Elements(Currency.Usd, Currency.Jpy);

    /// <summary>A unit amount in minor units: zero, whole, or sub-minor (<c>unit_amount_decimal</c>).</summary>
    private static Gen<decimal> UnitAmountMinor { get; } = Gen.Frequency(
        (1, Gen.Constant(0m)),
        (2, Gen.Choose(1, 10_000).Select(i => (decimal)i)),
        (3, Decimals.Upto(500, maxPlaces: 6)));

    private static Gen<decimal> FlatAmountMinor { get; } = Gen.Frequency(
        (2, Gen.Constant(0m)),
        (3, Gen.Choose(1, 100_000).Select(i => (decimal)i)));

    private static Gen<Price> PerUnitPrice()
    {
        var transform = Gen.Frequency(
            (1, Gen.Constant<TransformQuantity?>(null)),
            (2, from divideBy in Gen.Choose(1, 1000)
                from round in Gen.Elements(RoundingDirection.Up, RoundingDirection.Down)
                select (TransformQuantity?)new TransformQuantity(divideBy, round)));
        return from currency in Currencies
               from unit in UnitAmountMinor
               from t in transform
               select TestCatalog.PerUnit("usage", unit, currency, t);
    }

    /// <summary>Valid tiers: positive, strictly increasing <c>up_to</c>, the last open-ended, amounts ≥ 0.</summary>
    private static Gen<Price> TieredPrice(TiersMode mode) =>
        from currency in Currencies
        from count in Gen.Choose(1, 5)
        from widths in Gen.ArrayOf(Gen.Frequency((1, Decimals.Positive(10)), (3, Decimals.Positive(10_000))), count - 1)
        from units in Gen.ArrayOf(UnitAmountMinor, count)
        from flats in Gen.ArrayOf(FlatAmountMinor, count)
        select TestCatalog.Tiered(
            TestCatalog.PriceIdFor("usage"),
            mode,
            currency,
            TestCatalog.Metered("usage"),
            Enumerable.Range(0, count).Select(i => (
                i == count - 1 ? (decimal?)null : widths.Take(i + 1).Sum(),
                units[i],
                flats[i])));

    private static List<IReadOnlyList<UsageSample>> Split(IReadOnlyList<UsageSample> samples, int[] gaps)
    {
        // gaps[i] is the number of cuts before sample i (gaps[samples.Count]: after the last one).
        var groups = new List<IReadOnlyList<UsageSample>>();
        var current = new List<UsageSample>();
        for (var i = 0; i <= samples.Count; i++)
        {
            for (var c = 0; c < gaps[i] && i > 0 && i < samples.Count; c++)
            {
                groups.Add(current);
                current = [];
            }

            if (i < samples.Count)
            {
                current.Add(samples[i]);
            }
        }

        groups.Add(current);
        if (gaps[0] == 2)
        {
            groups.Insert(0, []); // an empty group first, to merge an empty state into
        }

        return groups;
    }
}

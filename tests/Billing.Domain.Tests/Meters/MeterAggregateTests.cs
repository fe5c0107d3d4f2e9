using Billing.Domain.Meters;
using static Billing.Domain.Tests.Meters.Samples;

namespace Billing.Domain.Tests.Meters;

public sealed class MeterAggregateTests
{
    public static TheoryData<AggregationFormula, decimal[], decimal> Values => new()
    {
        // formula, values in arrival order (one second apart), quantity
        { AggregationFormula.Sum, [], 0m },
        { AggregationFormula.Sum, [1m, 2.5m, 3m], 6.5m },
        { AggregationFormula.Sum, [5m, -2m, 0.25m], 3.25m },
        { AggregationFormula.Sum, [0.000000000001m, 1_000_000_000_000m], 1_000_000_000_000.000000000001m },
        { AggregationFormula.Count, [], 0m },
        { AggregationFormula.Count, [1m, 2.5m, 3m], 3m },
        { AggregationFormula.Count, [0m, 0m, -7m], 3m },
        { AggregationFormula.Max, [], 0m },
        { AggregationFormula.Max, [1m, 7m, 3m], 7m },
        { AggregationFormula.Max, [7m, 7m], 7m },
        { AggregationFormula.Max, [-5m, -2m, -9m], -2m },     // negatives (allow_negative meters)
        { AggregationFormula.Max, [-0.5m], -0.5m },
        { AggregationFormula.Last, [], 0m },
        { AggregationFormula.Last, [1m, 7m, 3m], 3m },
        { AggregationFormula.Last, [4m, -1m], -1m },
        { AggregationFormula.UniqueCount, [], 0m },
        { AggregationFormula.UniqueCount, [1m, 2m, 1m, 3m, 2m], 3m },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Quantity_ValuesAddedInOrder_Aggregates(AggregationFormula formula, decimal[] values, decimal expected)
    {
        var aggregate = Aggregate(formula, values);

        Assert.Equal(expected, aggregate.Quantity);
        Assert.Equal(values.Length, aggregate.EventCount);
    }

    [Theory]
    [InlineData(new[] { "a", "b", "a" }, 2)]
    [InlineData(new[] { "a", "A" }, 2)]              // compared ordinally
    [InlineData(new[] { "1", "1.0", "01" }, 3)]      // compared as strings, not numbers
    [InlineData(new[] { "cus_A", "cus_A", "cus_A" }, 1)]
    public void Quantity_UniqueCount_CountsDistinctStrings(string[] keys, int expected)
    {
        var aggregate = Aggregate(AggregationFormula.UniqueCount, keys.Select(Key));

        Assert.Equal(expected, aggregate.Quantity);
        Assert.Equal(keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), aggregate.DistinctValues.Order(StringComparer.Ordinal));
    }

    public static TheoryData<int[], decimal[], decimal> LastCases => new()
    {
        // timestamps (seconds after T0) and values in arrival order, expected quantity
        { [10, 20], [1m, 2m], 2m },
        { [20, 10], [2m, 1m], 2m },                    // latest timestamp wins, not latest arrival
        { [10, 10], [1m, 2m], 2m },                    // equal timestamps: the later arrival wins
        { [10, 10, 10], [1m, 2m, 3m], 3m },
        { [30, 10, 30, 20], [1m, 2m, 3m, 4m], 3m },
        { [5], [-4m], -4m },
    };

    [Theory]
    [MemberData(nameof(LastCases))]
    public void Quantity_Last_LatestTimestampThenLatestArrivalWins(int[] seconds, decimal[] values, decimal expected)
    {
        var aggregate = Aggregate(AggregationFormula.Last, seconds.Zip(values, At));

        Assert.Equal(expected, aggregate.Quantity);
        Assert.Equal(T0.AddSeconds(seconds.Max()), aggregate.LastTimestamp);
    }

    [Theory]
    [InlineData(10, 10, 2)]    // tie: the merged-in (later) state wins
    [InlineData(10, 20, 2)]
    [InlineData(20, 10, 1)]    // an older timestamp never wins, even arriving later
    public void Merge_Last_LaterStateWinsTiesOnly(int earlierSeconds, int laterSeconds, decimal expected)
    {
        var earlier = Aggregate(AggregationFormula.Last, [At(earlierSeconds, 1m)]);
        var later = Aggregate(AggregationFormula.Last, [At(laterSeconds, 2m)]);

        earlier.Merge(later);

        Assert.Equal(expected, earlier.Quantity);
        Assert.Equal(2, earlier.EventCount);
    }

    [Fact]
    public void Merge_Last_TieDependsOnWhichStateIsLater()
    {
        var a = Aggregate(AggregationFormula.Last, [At(10, 1m)]);
        var b = Aggregate(AggregationFormula.Last, [At(10, 2m)]);

        var aThenB = a.Clone();
        aThenB.Merge(b);
        var bThenA = b.Clone();
        bThenA.Merge(a);

        Assert.Equal(2m, aThenB.Quantity);
        Assert.Equal(1m, bThenA.Quantity);
    }

    [Fact]
    public void Merge_EmptyLaterLast_KeepsValue()
    {
        var aggregate = Aggregate(AggregationFormula.Last, [At(10, 5m)]);

        aggregate.Merge(new MeterAggregate(AggregationFormula.Last));

        Assert.Equal(5m, aggregate.Quantity);
        Assert.Equal(T0.AddSeconds(10), aggregate.LastTimestamp);
    }

    [Theory]
    [InlineData(AggregationFormula.Sum)]
    [InlineData(AggregationFormula.Count)]
    [InlineData(AggregationFormula.Last)]
    [InlineData(AggregationFormula.Max)]
    [InlineData(AggregationFormula.UniqueCount)]
    public void Merge_AnySplitOfArrivals_EqualsAddingAllInOrder(AggregationFormula formula)
    {
        // Repeated timestamps and values, negatives, so that last's ties and max's negatives matter.
        UsageSample[] samples = [At(3, 2m), At(1, -4m), At(3, 7m), At(2, 7m), At(3, -1m), At(0, 2m)];
        var whole = Aggregate(formula, samples);

        for (var split = 0; split <= samples.Length; split++)
        {
            var merged = Aggregate(formula, samples.Take(split));
            merged.Merge(Aggregate(formula, samples.Skip(split)));

            Assert.Equal(whole.Quantity, merged.Quantity);
            Assert.Equal(whole.EventCount, merged.EventCount);
            Assert.Equal(whole.LastTimestamp, merged.LastTimestamp);
        }
    }

    [Theory]
    [InlineData(AggregationFormula.Sum, AggregationFormula.Count)]
    [InlineData(AggregationFormula.Last, AggregationFormula.Max)]
    [InlineData(AggregationFormula.UniqueCount, AggregationFormula.Sum)]
    public void Merge_DifferentFormula_ThrowsInvalidOperationException(AggregationFormula formula, AggregationFormula other)
    {
        var aggregate = Aggregate(formula, 1m);

        Assert.Throws<InvalidOperationException>(() => aggregate.Merge(Aggregate(other, 2m)));
        Assert.Equal(1, aggregate.EventCount);
    }

    [Theory]
    [InlineData(AggregationFormula.Sum)]
    [InlineData(AggregationFormula.Count)]
    [InlineData(AggregationFormula.Last)]
    [InlineData(AggregationFormula.Max)]
    [InlineData(AggregationFormula.UniqueCount)]
    public void Restore_StoredProperties_RoundTripsAndKeepsAggregating(AggregationFormula formula)
    {
        var original = Aggregate(formula, [At(5, 3m), At(9, -2m), At(9, 4.5m), At(1, 3m)]);

        var restored = MeterAggregate.Restore(
            original.Formula,
            original.EventCount,
            original.Sum,
            original.Max,
            original.LastTimestamp,
            original.LastValue,
            original.DistinctValues);

        AssertSameState(original, restored);

        // The restored state goes on exactly like the original (last: a tie with the stored timestamp wins).
        UsageSample next = At(9, 10m);
        original.Add(next);
        restored.Add(next);
        AssertSameState(original, restored);
    }

    [Fact]
    public void Restore_Empty_QuantityZero()
    {
        var restored = MeterAggregate.Restore(AggregationFormula.Max, 0, 0m, null, null, 0m, null);

        Assert.Equal(0m, restored.Quantity);
        Assert.Null(restored.Max);
    }

    [Fact]
    public void Restore_NegativeEventCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterAggregate.Restore(AggregationFormula.Count, -1, 0m, null, null, 0m, null));

    [Fact]
    public void Restore_DistinctCount_CountsWithoutHoldingTheValues()
    {
        var restored = MeterAggregate.Restore(AggregationFormula.UniqueCount, 5, 0m, null, null, 0m, distinctCount: 3);

        restored.Add(Key("new"));
        restored.AddCountedValue(Key("old"));

        Assert.Equal(4m, restored.Quantity);
        Assert.Equal(4, restored.DistinctCount);
        Assert.Equal(7, restored.EventCount);
        Assert.Equal(["new"], restored.DistinctValues);
    }

    [Fact]
    public void Counted_AfterAdds_KeepsTheCountAndDropsTheValues()
    {
        var aggregate = Aggregate(AggregationFormula.UniqueCount, new[] { "a", "b", "a" }.Select(Key));

        var counted = aggregate.Counted();

        Assert.Equal(2m, counted.Quantity);
        Assert.Equal(3, counted.EventCount);
        Assert.Empty(counted.DistinctValues);
    }

    [Theory]
    [InlineData(AggregationFormula.Sum, 7.5)]
    [InlineData(AggregationFormula.Count, 2)]
    [InlineData(AggregationFormula.Max, 5)]
    public void AddCountedValue_OtherFormulas_SameAsAdd(AggregationFormula formula, decimal expected)
    {
        var aggregate = Aggregate(formula, [At(1, 2.5m)]);

        aggregate.AddCountedValue(At(2, 5m));

        Assert.Equal(expected, aggregate.Quantity);
    }

    [Fact]
    public void Clone_ThenAdd_LeavesOriginalUnchanged()
    {
        var original = Aggregate(AggregationFormula.UniqueCount, [Key("a")]);

        var clone = original.Clone();
        clone.Add(Key("b"));

        Assert.Equal(1m, original.Quantity);
        Assert.Equal(2m, clone.Quantity);
    }

    private static void AssertSameState(MeterAggregate expected, MeterAggregate actual)
    {
        Assert.Equal(expected.Formula, actual.Formula);
        Assert.Equal(expected.Quantity, actual.Quantity);
        Assert.Equal(expected.EventCount, actual.EventCount);
        Assert.Equal(expected.Sum, actual.Sum);
        Assert.Equal(expected.Max, actual.Max);
        Assert.Equal(expected.LastTimestamp, actual.LastTimestamp);
        Assert.Equal(expected.LastValue, actual.LastValue);
        Assert.Equal(expected.DistinctValues.Order(StringComparer.Ordinal), actual.DistinctValues.Order(StringComparer.Ordinal));
    }
}

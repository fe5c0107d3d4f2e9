using Billing.Domain.Meters;

namespace Billing.Domain.Tests.Meters;

/// <summary>Builds usage samples and aggregates for test tables.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A sample <paramref name="seconds"/> after <see cref="T0"/>; its distinct key is the value as text.</summary>
    public static UsageSample At(int seconds, decimal value) =>
        new(T0.AddSeconds(seconds), value, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static UsageSample Key(string distinctKey) => new(T0, 1m, distinctKey);

    public static MeterAggregate Aggregate(AggregationFormula formula, IEnumerable<UsageSample> samples)
    {
        var aggregate = new MeterAggregate(formula);
        foreach (var sample in samples)
        {
            aggregate.Add(sample);
        }

        return aggregate;
    }

    /// <summary>Values one second apart, in arrival order.</summary>
    public static MeterAggregate Aggregate(AggregationFormula formula, params decimal[] values) =>
        Aggregate(formula, values.Select((v, i) => At(i, v)));
}

namespace Billing.Domain.Meters;

/// <summary>
/// The mergeable aggregate state of one meter over one billing period. Add events in arrival
/// order, or pre-aggregate a batch and <see cref="Merge"/> it into the stored state. Merging is
/// associative for every formula and commutative for all but <c>last</c>, where a timestamp tie
/// goes to the later arrival: <c>a.Merge(b)</c> treats <c>b</c> as having arrived after <c>a</c>.
/// </summary>
public sealed class MeterAggregate
{
    private readonly HashSet<string>? distinct;

    public MeterAggregate(AggregationFormula formula)
    {
        Formula = formula;
        if (formula == AggregationFormula.UniqueCount)
        {
            distinct = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    public AggregationFormula Formula { get; }

    /// <summary>Number of events aggregated, whatever the formula.</summary>
    public long EventCount { get; private set; }

    /// <summary>Sum of the values (kept for sum).</summary>
    public decimal Sum { get; private set; }

    /// <summary>Largest value seen (kept for max); null before the first event.</summary>
    public decimal? Max { get; private set; }

    /// <summary>Timestamp of the value <see cref="Quantity"/> reports for last; null before the first event.</summary>
    public DateTimeOffset? LastTimestamp { get; private set; }

    /// <summary>The latest value (kept for last).</summary>
    public decimal LastValue { get; private set; }

    /// <summary>The distinct values seen (unique_count only; empty otherwise).</summary>
    public IReadOnlyCollection<string> DistinctValues => (IReadOnlyCollection<string>?)distinct ?? [];

    /// <summary>The aggregated quantity that pricing uses.</summary>
    public decimal Quantity => Formula switch
    {
        AggregationFormula.Sum => Sum,
        AggregationFormula.Count => EventCount,
        AggregationFormula.Last => LastValue,
        AggregationFormula.Max => Max ?? 0m,
        AggregationFormula.UniqueCount => distinct!.Count,
        _ => throw new InvalidOperationException($"Unknown formula {Formula}."),
    };

    /// <summary>Restores a stored state; the inverse of reading the properties.</summary>
    public static MeterAggregate Restore(
        AggregationFormula formula,
        long eventCount,
        decimal sum,
        decimal? max,
        DateTimeOffset? lastTimestamp,
        decimal lastValue,
        IEnumerable<string>? distinctValues)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eventCount);
        var aggregate = new MeterAggregate(formula)
        {
            EventCount = eventCount,
            Sum = sum,
            Max = max,
            LastTimestamp = lastTimestamp,
            LastValue = lastValue,
        };
        if (aggregate.distinct is not null && distinctValues is not null)
        {
            aggregate.distinct.UnionWith(distinctValues);
        }

        return aggregate;
    }

    /// <summary>Adds one event; events added later count as later arrivals.</summary>
    public void Add(in UsageSample sample)
    {
        EventCount++;
        switch (Formula)
        {
            case AggregationFormula.Sum:
                Sum += sample.Value;
                break;
            case AggregationFormula.Count:
                break;
            case AggregationFormula.Last:
                TakeLast(sample.Timestamp, sample.Value);
                break;
            case AggregationFormula.Max:
                Max = Max is { } max && max >= sample.Value ? max : sample.Value;
                break;
            case AggregationFormula.UniqueCount:
                distinct!.Add(sample.DistinctKey);
                break;
            default:
                throw new InvalidOperationException($"Unknown formula {Formula}.");
        }
    }

    /// <summary>Merges <paramref name="later"/> (which arrived after this state) into this state.</summary>
    public void Merge(MeterAggregate later)
    {
        ArgumentNullException.ThrowIfNull(later);
        if (later.Formula != Formula)
        {
            throw new InvalidOperationException($"Cannot merge a {later.Formula} aggregate into a {Formula} aggregate.");
        }

        EventCount += later.EventCount;
        Sum += later.Sum;
        if (later.Max is { } laterMax && (Max is not { } max || laterMax > max))
        {
            Max = laterMax;
        }

        if (later.LastTimestamp is { } laterTimestamp)
        {
            TakeLast(laterTimestamp, later.LastValue);
        }

        if (distinct is not null)
        {
            distinct.UnionWith(later.distinct!);
        }
    }

    public MeterAggregate Clone()
    {
        var copy = new MeterAggregate(Formula);
        copy.Merge(this);
        return copy;
    }

    // ">=": on a tie the value that arrived later wins.
    private void TakeLast(DateTimeOffset timestamp, decimal value)
    {
        if (LastTimestamp is not { } current || timestamp >= current)
        {
            LastTimestamp = timestamp;
            LastValue = value;
        }
    }
}

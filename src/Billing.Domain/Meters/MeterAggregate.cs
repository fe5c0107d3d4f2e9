namespace Billing.Domain.Meters;

/// <summary>
/// The mergeable aggregate state of one meter over one billing period. Add events in arrival
/// order, or pre-aggregate a batch and <see cref="Merge"/> it into the stored state. Merging is
/// associative for every formula and commutative for all but <c>last</c>, where a timestamp tie
/// goes to the later arrival: <c>a.Merge(b)</c> treats <c>b</c> as having arrived after <c>a</c>.
/// </summary>
/// <remarks>
/// unique_count holds the values added to this instance, so that a batch can be pre-aggregated
/// exactly; a state restored from a count (<see cref="Restore(AggregationFormula, long, decimal, decimal?, DateTimeOffset?, decimal, long)"/>)
/// holds none of the values it counted, since a period's distinct values can run to millions. Its
/// caller keeps the period's distinct values itself (the usage store keeps them as keys, like
/// dedup keys) and adds an event whose value it has already counted with <see cref="AddCountedValue"/>.
/// </remarks>
public sealed class MeterAggregate
{
    private readonly HashSet<string>? distinct;

    // unique_count: distinct values counted but not held (restored from a count, or merged in from such a state).
    private long countedDistinct;

    public MeterAggregate(AggregationFormula formula)
    {
        Formula = formula;
        if (FormulaRules.Of(formula).CountsDistinctValues)
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

    /// <summary>The distinct values this instance holds (unique_count only; empty otherwise): those added to it, not those restored as a count.</summary>
    public IReadOnlyCollection<string> DistinctValues => (IReadOnlyCollection<string>?)distinct ?? [];

    /// <summary>unique_count: the distinct values counted, held or not (0 for other formulas).</summary>
    public long DistinctCount => countedDistinct + (distinct?.Count ?? 0);

    /// <summary>The aggregated quantity that pricing uses.</summary>
    public decimal Quantity => FormulaRules.Of(Formula).Quantity(new AggregateFields(EventCount, Sum, Max, LastValue, DistinctCount));

    /// <summary>
    /// Restores a stored state whose unique_count values are known only by their number
    /// (<paramref name="distinctCount"/>); see the remarks on the type.
    /// </summary>
    public static MeterAggregate Restore(
        AggregationFormula formula,
        long eventCount,
        decimal sum,
        decimal? max,
        DateTimeOffset? lastTimestamp,
        decimal lastValue,
        long distinctCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(distinctCount);
        var aggregate = Restore(formula, eventCount, sum, max, lastTimestamp, lastValue, (IEnumerable<string>?)null);
        aggregate.countedDistinct = FormulaRules.Of(formula).CountsDistinctValues ? distinctCount : 0;
        return aggregate;
    }

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

    /// <summary>
    /// Adds one event whose unique_count value the caller has already counted in this period (it
    /// keeps the period's distinct values itself): the event counts, its value does not count again.
    /// The same as <see cref="Add"/> for every other formula.
    /// </summary>
    public void AddCountedValue(in UsageSample sample)
    {
        if (distinct is null)
        {
            Add(sample);
            return;
        }

        EventCount++;
    }

    /// <summary>
    /// A copy that holds no unique_count values, only their count: what a caller that keeps the
    /// values itself stores between batches.
    /// </summary>
    public MeterAggregate Counted() => Restore(Formula, EventCount, Sum, Max, LastTimestamp, LastValue, DistinctCount);

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
            // Held values are compared; counted ones are disjoint from everything else by contract.
            distinct.UnionWith(later.distinct!);
            countedDistinct += later.countedDistinct;
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

namespace Billing.Domain.Meters;

/// <summary>
/// What an aggregation formula means, decided once for every layer that needs it: whether an
/// event must carry a number or a distinct value, whether the aggregate only grows (threshold
/// eligibility), and which field of the aggregate is the quantity pricing reads.
/// How an event folds into the aggregate is <see cref="MeterAggregate.Add"/>'s one switch.
/// </summary>
/// <param name="NeedsNumber">The event must carry a finite number (sum, max, last); count and unique_count ignore it.</param>
/// <param name="CountsDistinctValues">unique_count: the event carries a value compared as text, counted once per period.</param>
/// <param name="Monotonicity">Whether the aggregate can only grow as events arrive.</param>
/// <param name="Quantity">The quantity pricing reads, from the aggregate's fields.</param>
public sealed record FormulaRules(
    AggregationFormula Formula,
    bool NeedsNumber,
    bool CountsDistinctValues,
    Monotonicity Monotonicity,
    Func<AggregateFields, decimal> Quantity)
{
    private static readonly FormulaRules[] Table =
    [
        new(AggregationFormula.Sum, NeedsNumber: true, CountsDistinctValues: false, Monotonicity.UnlessNegativeAllowed, f => f.Sum),
        new(AggregationFormula.Count, NeedsNumber: false, CountsDistinctValues: false, Monotonicity.Always, f => f.EventCount),
        new(AggregationFormula.Last, NeedsNumber: true, CountsDistinctValues: false, Monotonicity.Never, f => f.LastValue),
        new(AggregationFormula.Max, NeedsNumber: true, CountsDistinctValues: false, Monotonicity.Always, f => f.Max ?? 0m),
        new(AggregationFormula.UniqueCount, NeedsNumber: false, CountsDistinctValues: true, Monotonicity.Always, f => f.DistinctCount),
    ];

    /// <summary>The rules of <paramref name="formula"/>.</summary>
    public static FormulaRules Of(AggregationFormula formula) =>
        (uint)formula < (uint)Table.Length && Table[(int)formula].Formula == formula
            ? Table[(int)formula]
            : throw new ArgumentOutOfRangeException(nameof(formula), formula, "Unknown aggregation formula.");

    /// <summary>Whether a meter with this formula only grows, given whether it accepts negative values.</summary>
    public bool IsMonotonic(bool allowNegative) => Monotonicity switch
    {
        Monotonicity.Always => true,
        Monotonicity.UnlessNegativeAllowed => !allowNegative,
        _ => false,
    };
}

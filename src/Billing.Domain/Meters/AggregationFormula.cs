namespace Billing.Domain.Meters;

/// <summary>
/// Stripe's <c>default_aggregation.formula</c> (sum, count, last) plus max and unique_count.
/// </summary>
public enum AggregationFormula
{
    /// <summary>Sum of the values.</summary>
    Sum,

    /// <summary>Number of events; values are ignored.</summary>
    Count,

    /// <summary>The value of the event with the latest timestamp; ties go to the later arrival.</summary>
    Last,

    /// <summary>The largest value.</summary>
    Max,

    /// <summary>The number of distinct values of the value key (compared as strings).</summary>
    UniqueCount,
}

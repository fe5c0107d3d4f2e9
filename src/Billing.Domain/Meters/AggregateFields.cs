namespace Billing.Domain.Meters;

/// <summary>The fields of a meter's aggregate a quantity is read from (<see cref="FormulaRules.Quantity"/>).</summary>
public readonly record struct AggregateFields(long EventCount, decimal Sum, decimal? Max, decimal LastValue, long DistinctCount);

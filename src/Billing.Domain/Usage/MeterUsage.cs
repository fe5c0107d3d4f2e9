using Billing.Domain.Meters;

namespace Billing.Domain.Usage;

/// <summary>One meter's aggregated usage in a partition.</summary>
/// <param name="Quantity">The aggregated quantity pricing reads (raw, before transform_quantity).</param>
public sealed record MeterUsage(string MeterId, AggregationFormula Formula, long EventCount, decimal Quantity);

namespace Billing.Domain.Meters;

/// <summary>
/// One accepted event as aggregation sees it: its timestamp, its numeric value (ignored by count)
/// and its value as text (what unique_count compares).
/// </summary>
public readonly record struct UsageSample(DateTimeOffset Timestamp, decimal Value, string DistinctKey);

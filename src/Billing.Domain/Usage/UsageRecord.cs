using Billing.Domain.Meters;

namespace Billing.Domain.Usage;

/// <summary>
/// One validated event on its way into a partition.
/// </summary>
/// <param name="DedupKey">128-bit hash of (meter, identifier): equal keys in one partition are the same event.</param>
/// <param name="Meter">The meter the event is aggregated into.</param>
/// <param name="Sample">What aggregation reads; for unique_count its <c>DistinctKey</c> is a 32-hex-digit hash.</param>
public readonly record struct UsageRecord(UInt128 DedupKey, Meter Meter, UsageSample Sample);

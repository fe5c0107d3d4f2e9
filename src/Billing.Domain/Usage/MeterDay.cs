using Billing.Domain.Meters;

namespace Billing.Domain.Usage;

/// <summary>
/// One meter's usage on one UTC day of a period, by event time: an aggregate of the events whose
/// timestamp falls on <paramref name="Date"/> (the usage ledger keeps it with the period's
/// aggregate, exactly once, see docs/storage.md). A day's quantity is the formula's over that
/// day's events, except unique_count, which counts the values first counted in the period by an
/// event of that day, so that days add up to the period's distinct count.
/// </summary>
public sealed record MeterDay(DateOnly Date, MeterAggregate Aggregate);

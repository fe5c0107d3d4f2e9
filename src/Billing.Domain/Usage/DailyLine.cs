namespace Billing.Domain.Usage;

/// <summary>One UTC day of a meter's daily series (<see cref="DailySeries"/>).</summary>
/// <param name="Events">Events of the meter whose timestamp falls on the day.</param>
/// <param name="Quantity">
/// The day's raw quantity (<see cref="MeterDay"/>): 0 on a day without events for sum, count and
/// unique_count; null on such a day for max and last, which have no value without an event.
/// </param>
/// <param name="AmountMinor">
/// The increase of the meter's cumulative amount over the day, in minor units: the price of the
/// usage through the day's end less the price of the usage before it (0 before the first day), each
/// rounded once as the period's line is. Negative when the cumulative price fell (a last meter, a
/// volume price entering a cheaper tier, negative values). Null when either price is beyond the
/// line bound.
/// </param>
/// <param name="CumulativeAmountMinor">The price of the usage through the day's end; null beyond the line bound.</param>
public sealed record DailyLine(DateOnly Date, long Events, decimal? Quantity, long? AmountMinor, long? CumulativeAmountMinor);

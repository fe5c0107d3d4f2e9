using Billing.Domain.Meters;
using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// One meter's aggregates per UTC day (by event timestamp) in a partition: what the head keeps
/// next to the period's aggregate (docs/storage.md, "Days"), or what one commit adds to it. Events
/// of a partition all fall in its period, so it holds at most the period's days.
/// </summary>
internal sealed class DayAggregates(AggregationFormula formula)
{
    private readonly Dictionary<int, MeterAggregate> days = [];

    // Events of a batch mostly share a day with the one before: skip the look-up for them.
    private int lastDay = -1;
    private MeterAggregate? last;

    public AggregationFormula Formula { get; } = formula;

    public int Count => days.Count;

    /// <summary>The days, by <see cref="DateOnly.DayNumber"/>, in no particular order.</summary>
    public IEnumerable<KeyValuePair<int, MeterAggregate>> Days => days;

    /// <summary>The aggregate of the UTC day of <paramref name="timestamp"/>, created empty on first use.</summary>
    public MeterAggregate For(DateTimeOffset timestamp)
    {
        var day = UsageDays.DayNumber(timestamp);
        if (day == lastDay && last is not null)
        {
            return last;
        }

        if (!days.TryGetValue(day, out var aggregate))
        {
            days[day] = aggregate = new MeterAggregate(Formula);
        }

        lastDay = day;
        last = aggregate;
        return aggregate;
    }

    public MeterAggregate? At(int day) => days.GetValueOrDefault(day);

    public void Set(int day, MeterAggregate aggregate)
    {
        days[day] = aggregate;
        if (day == lastDay)
        {
            last = aggregate;
        }
    }

    /// <summary>
    /// The day as it is once <paramref name="later"/> (a commit's aggregate of the same day, which
    /// arrived after it) is merged in; a new instance holding counts only, like the head.
    /// </summary>
    public static MeterAggregate Merged(MeterAggregate? stored, MeterAggregate later)
    {
        if (stored is null)
        {
            return later.Counted();
        }

        var merged = stored.Counted();
        merged.Merge(later.Counted());
        return merged;
    }
}

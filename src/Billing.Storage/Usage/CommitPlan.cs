using Billing.Domain.Meters;
using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// What one commit of one partition will write: the records it covers (up to <see cref="Next"/>),
/// the keys they add (raw, as the chunk stores them: events' dedup keys and unique_count values'
/// keys), the aggregates that result and, per meter, what the new events add to each UTC day.
/// </summary>
/// <param name="Days">Per meter, the aggregates of the new events by UTC day: a delta that the head's days merge in.</param>
/// <param name="Events">Records newly counted (a unique_count value adds a key but no event).</param>
internal sealed record CommitPlan(
    int Next,
    List<UInt128> NewKeys,
    Dictionary<string, MeterAggregate> Aggregates,
    Dictionary<string, DayAggregates> Days,
    bool Late,
    int Events,
    int KeysUsed)
{
    /// <summary>
    /// Decides, for the records from <paramref name="start"/> on, which are new (first of their key
    /// and unseen by <paramref name="state"/>, whose index answers through <paramref name="inIndex"/>)
    /// and what the aggregates become, writing at most <paramref name="budget"/> keys. Sets
    /// <paramref name="isDuplicate"/> for the records covered.
    /// </summary>
    /// <param name="inIndex">The keys of these records found in the partition's index (see <see cref="IndexReader"/>); empty for a small partition.</param>
    public static CommitPlan Make(PartitionState state, IReadOnlySet<UInt128> inIndex, IReadOnlyList<UsageRecord> records, int start, bool[] isDuplicate, int budget)
    {
        var aggregates = state.Aggregates.ToDictionary(a => a.Key, a => a.Value.Clone(), StringComparer.Ordinal);
        var days = new Dictionary<string, DayAggregates>(StringComparer.Ordinal);
        string? lastMeter = null;
        MeterAggregate? aggregate = null;
        DayAggregates? meterDays = null;
        var newKeys = new List<UInt128>();
        var batchKeys = new HashSet<UInt128>();
        var used = 0;
        var events = 0;
        var index = start;
        for (; index < records.Count && used < budget; index++)
        {
            var record = records[index];
            var key = KeySpace.Spread(record.DedupKey);
            if (state.Contains(key, inIndex) || !batchKeys.Add(key))
            {
                isDuplicate[index] = true;
                continue;
            }

            isDuplicate[index] = false;
            newKeys.Add(record.DedupKey);
            used++;
            events++;
            if (!ReferenceEquals(record.Meter.Id, lastMeter))
            {
                // Records of one meter mostly come in runs: look its aggregates up once a run.
                lastMeter = record.Meter.Id;
                if (!aggregates.TryGetValue(lastMeter, out aggregate))
                {
                    aggregates[lastMeter] = aggregate = new MeterAggregate(record.Meter.Formula);
                }

                if (!days.TryGetValue(lastMeter, out meterDays))
                {
                    days[lastMeter] = meterDays = new DayAggregates(record.Meter.Formula);
                }
            }

            var day = meterDays!.For(record.Sample.Timestamp);
            if (!FormulaRules.Of(record.Meter.Formula).CountsDistinctValues)
            {
                aggregate!.Add(record.Sample);
                day.Add(record.Sample);
                continue;
            }

            // unique_count: the value counts if its key is new to the period; the chunk keeps the
            // key, so the value is known after a restart, and the aggregate keeps only the count.
            var distinctRaw = KeySpace.DistinctRaw(record.Meter.Id, DistinctKey.Parse(record.Sample.DistinctKey));
            var distinct = KeySpace.Spread(distinctRaw);
            if (state.Contains(distinct, inIndex) || !batchKeys.Add(distinct))
            {
                aggregate!.AddCountedValue(record.Sample);
                day.AddCountedValue(record.Sample);
                continue;
            }

            // The day that first counts a value keeps it, so that days add up to the period's count.
            aggregate!.Add(record.Sample);
            day.Add(record.Sample);
            newKeys.Add(distinctRaw);
            used++;
        }

        return new CommitPlan(index, newKeys, aggregates, days, state.InvoicedAt is not null, events, used + HeadCharge(state, days));
    }

    /// <summary>Bytes of days a head carries free of charge: a month of 20 meters.</summary>
    public const int FreeDayBytes = 16 * 1024;

    /// <summary>Bytes a stored day takes in a transaction's body, base64 included (about 24 as JSON).</summary>
    public const int DayBytes = 32;

    /// <summary>
    /// Keys (16 bytes each) charged against the transaction's budget for the head's days beyond
    /// <see cref="FreeDayBytes"/>: a long period of many meters (a year of 20 meters is about 230 KB),
    /// carried 49 times in one transaction, would pass Table Storage's 4 MiB, so such heads ride
    /// in fewer at a time. Months of a few meters cost nothing.
    /// </summary>
    private static int HeadCharge(PartitionState state, Dictionary<string, DayAggregates> added)
    {
        var days = state.Days.Values.Sum(d => (long)d.Count) + added.Values.Sum(d => (long)d.Count); // an upper bound: a day may be in both
        var bytes = days * DayBytes;
        return bytes <= FreeDayBytes ? 0 : (int)Math.Min(int.MaxValue, (bytes - FreeDayBytes) / 16);
    }

    /// <summary>The spread keys <see cref="Make"/> will ask about for a record: its own and, for unique_count, its value's.</summary>
    public static void KeysOf(in UsageRecord record, List<UInt128> into)
    {
        into.Add(KeySpace.Spread(record.DedupKey));
        if (FormulaRules.Of(record.Meter.Formula).CountsDistinctValues)
        {
            into.Add(KeySpace.Spread(KeySpace.DistinctRaw(record.Meter.Id, DistinctKey.Parse(record.Sample.DistinctKey))));
        }
    }
}

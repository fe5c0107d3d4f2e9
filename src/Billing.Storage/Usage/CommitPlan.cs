using Billing.Domain.Meters;

namespace Billing.Storage.Usage;

/// <summary>
/// What one commit of one partition will write: the records it covers (up to <see cref="Next"/>),
/// the keys they add and the aggregates that result.
/// </summary>
internal sealed record CommitPlan(
    int Next,
    List<UInt128> NewKeys,
    Dictionary<string, MeterAggregate> Aggregates,
    Dictionary<string, List<UInt128>> Distinct,
    bool Late,
    int KeysUsed)
{
    /// <summary>
    /// Decides, for the records from <paramref name="start"/> on, which are new (first of their key
    /// and unseen by <paramref name="state"/>) and what the aggregates become, writing at most
    /// <paramref name="budget"/> keys. Sets <paramref name="isDuplicate"/> for the records covered.
    /// </summary>
    public static CommitPlan Make(PartitionState state, IReadOnlyList<UsageRecord> records, int start, bool[] isDuplicate, int budget)
    {
        var aggregates = state.Aggregates.ToDictionary(a => a.Key, a => a.Value.Clone(), StringComparer.Ordinal);
        var newKeys = new List<UInt128>();
        var batchKeys = new HashSet<UInt128>();
        var distinct = new Dictionary<string, List<UInt128>>(StringComparer.Ordinal);
        var used = 0;
        var index = start;
        for (; index < records.Count && used < budget; index++)
        {
            var record = records[index];
            if (state.Seen.Contains(record.DedupKey) || !batchKeys.Add(record.DedupKey))
            {
                isDuplicate[index] = true;
                continue;
            }

            isDuplicate[index] = false;
            newKeys.Add(record.DedupKey);
            used++;
            if (!aggregates.TryGetValue(record.Meter.Id, out var aggregate))
            {
                aggregates[record.Meter.Id] = aggregate = new MeterAggregate(record.Meter.Formula);
            }

            var distinctBefore = aggregate.DistinctValues.Count;
            aggregate.Add(record.Sample);
            if (aggregate.DistinctValues.Count > distinctBefore)
            {
                // unique_count: the chunk also records the new distinct value, so it survives a restart.
                if (!distinct.TryGetValue(record.Meter.Id, out var hashes))
                {
                    distinct[record.Meter.Id] = hashes = [];
                }

                hashes.Add(DistinctKey.Parse(record.Sample.DistinctKey));
                used++;
            }
        }

        return new CommitPlan(index, newKeys, aggregates, distinct, state.InvoicedAt is not null, used);
    }
}

using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// The records of several requests as one list, without copying them: a group commit of one
/// large partition can merge several file chunks of 250,000 records each, and a concatenated copy
/// would double what ingestion holds.
/// </summary>
internal sealed class RecordList : IReadOnlyList<UsageRecord>
{
    private readonly List<IReadOnlyList<UsageRecord>> parts = [];
    private readonly List<int> starts = [];

    public int Count { get; private set; }

    public UsageRecord this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (parts.Count == 1)
            {
                return parts[0][index]; // the common case: one request for the partition
            }

            var part = starts.BinarySearch(index);
            part = part >= 0 ? part : ~part - 1;
            return parts[part][index - starts[part]];
        }
    }

    public void Add(IReadOnlyList<UsageRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        starts.Add(Count);
        parts.Add(records);
        Count += records.Count;
    }

    public IEnumerator<UsageRecord> GetEnumerator() => parts.SelectMany(p => p).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

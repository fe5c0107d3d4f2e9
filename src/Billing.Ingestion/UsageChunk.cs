using Billing.Ingestion.Validation;
using Billing.Storage.Usage;

namespace Billing.Ingestion;

/// <summary>Validated events grouped by partition, in arrival order, waiting to be committed.</summary>
internal sealed class UsageChunk
{
    public Dictionary<UsagePartition, Group> Partitions { get; } = [];

    public int Count { get; private set; }

    public void Add(in ValidEvent valid, int index)
    {
        if (!Partitions.TryGetValue(valid.Partition, out var group))
        {
            Partitions[valid.Partition] = group = new Group();
        }

        group.Records.Add(valid.Record);
        group.Indexes.Add(index);
        Count++;
    }

    internal sealed class Group
    {
        public List<UsageRecord> Records { get; } = [];

        /// <summary>Position of each record in the request (API) or chunk (files).</summary>
        public List<int> Indexes { get; } = [];
    }
}

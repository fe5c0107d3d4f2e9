using Billing.Domain.Usage;
using Billing.Ingestion.Validation;

namespace Billing.Ingestion;

/// <summary>Validated events grouped by partition, in arrival order, waiting to be committed.</summary>
/// <param name="trackIndexes">Keep each record's position (the API maps results back; files need only counts).</param>
internal sealed class UsageChunk(bool trackIndexes = true)
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
        if (trackIndexes)
        {
            group.Indexes.Add(index);
        }

        Count++;
    }

    internal sealed class Group
    {
        public List<UsageRecord> Records { get; } = [];

        /// <summary>Position of each record in the request (API) or chunk (files).</summary>
        public List<int> Indexes { get; } = [];
    }
}

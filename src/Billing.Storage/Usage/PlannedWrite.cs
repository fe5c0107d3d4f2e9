namespace Billing.Storage.Usage;

/// <summary>One partition's commit planned into a shard writer's next transaction.</summary>
/// <param name="PartId">The chunk's commit id, by which this very write is recognized after an ambiguous failure.</param>
/// <param name="Sequence">The chunk sequence the write takes: where to look for it after an ambiguous failure.</param>
internal readonly record struct PlannedWrite(MergedPartition Partition, CommitPlan Plan, string PartId, long Sequence);

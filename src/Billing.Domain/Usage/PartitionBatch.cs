namespace Billing.Domain.Usage;

/// <summary>Records to commit to one partition, in arrival order.</summary>
public sealed record PartitionBatch(UsagePartition Partition, IReadOnlyList<UsageRecord> Records);

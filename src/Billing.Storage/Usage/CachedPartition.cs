namespace Billing.Storage.Usage;

/// <summary>A partition's cached state (null until read), when its shard writer last used it, and the bytes charged to the budget for it.</summary>
internal sealed class CachedPartition
{
    public PartitionState? State { get; set; }

    public long LastUsed { get; set; }

    public long ChargedBytes { get; set; }
}

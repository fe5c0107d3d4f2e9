namespace Billing.Storage.Usage;

/// <summary>A partition's cached state (null until read) and when its shard writer last used it.</summary>
internal sealed class CachedPartition
{
    public PartitionState? State { get; set; }

    public long LastUsed { get; set; }
}

namespace Billing.Storage.Usage;

/// <summary>One partition batch waiting for its shard's writer.</summary>
internal sealed class PendingCommit(PartitionBatch batch)
{
    public PartitionBatch Batch { get; } = batch;

    public TaskCompletionSource<CommitOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

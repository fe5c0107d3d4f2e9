using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>One partition batch waiting for its shard's writer.</summary>
/// <param name="cancellationToken">Once cancelled, a writer that has not yet taken the batch drops it.</param>
internal sealed class PendingCommit(PartitionBatch batch, CancellationToken cancellationToken)
{
    public PartitionBatch Batch { get; } = batch;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<CommitOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

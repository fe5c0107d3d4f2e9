using Billing.Domain.Usage;

namespace Billing.Domain.Ports;

/// <summary>
/// Usage aggregated exactly once per <see cref="UsagePartition"/>: a commit adds the records whose
/// dedup key the partition has not seen and changes the aggregates they justify, atomically
/// (docs/architecture.md §3).
/// </summary>
public interface IUsageLedger
{
    /// <summary>
    /// Counts each record whose key its partition has not seen and marks the rest duplicates (the
    /// first of equal keys wins, in the order given and then in arrival order across callers).
    /// Returns one outcome per batch, in order; each partition appears once. When this throws
    /// <see cref="OperationCanceledException"/>, nothing more of the call will be written.
    /// </summary>
    Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<PartitionBatch> batches, CancellationToken cancellationToken);

    /// <summary>A partition's aggregates (no dedup keys); null when nothing was committed to it.</summary>
    Task<UsageSnapshot?> ReadAsync(UsagePartition partition, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the partition's period invoiced, provided nothing changed since <paramref name="snapshot"/>
    /// was read (its <see cref="UsageSnapshot.Version"/>): events committed afterwards count as late.
    /// False when it changed: read again and decide again.
    /// </summary>
    Task<bool> TryMarkInvoicedAsync(UsageSnapshot snapshot, DateTimeOffset invoicedAt, CancellationToken cancellationToken);
}

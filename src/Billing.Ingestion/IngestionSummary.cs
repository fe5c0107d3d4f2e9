using Billing.Domain.Usage;

namespace Billing.Ingestion;

/// <summary>Counts of one ingestion run (a file or a request) and the partitions it changed.</summary>
/// <param name="Late">Accepted events whose period was already invoiced (included in <paramref name="Accepted"/>).</param>
/// <param name="Touched">
/// The partitions it committed to, each with its <see cref="UsageSnapshot.CommittedEvents"/> after
/// this run's last commit to it, or null when the ledger did not hand the state back.
/// </param>
public sealed record IngestionSummary(long Events, long Accepted, long Duplicates, long Rejected, long Late, IReadOnlyDictionary<UsagePartition, long?> Touched)
{
    public static readonly IngestionSummary Empty = new(0, 0, 0, 0, 0, new Dictionary<UsagePartition, long?>());
}

using Billing.Domain.Usage;

namespace Billing.Ingestion;

/// <summary>Counts of one ingestion run (a file or a request) and the partitions it changed.</summary>
/// <param name="Late">Accepted events whose period was already invoiced (included in <paramref name="Accepted"/>).</param>
public sealed record IngestionSummary(long Events, long Accepted, long Duplicates, long Rejected, long Late, IReadOnlyCollection<UsagePartition> Touched)
{
    public static readonly IngestionSummary Empty = new(0, 0, 0, 0, 0, []);
}

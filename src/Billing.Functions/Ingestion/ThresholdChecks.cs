using Billing.Ingestion;
using Billing.Storage.Queues;

namespace Billing.Functions.Ingestion;

/// <summary>After usage commits, each partition that gained events gets a threshold check (docs/architecture.md §5, step 3).</summary>
internal static class ThresholdChecks
{
    public static IEnumerable<ThresholdCheck> For(IngestionSummary summary) =>
        summary.Accepted == 0
            ? []
            : summary.Touched.Select(p => new ThresholdCheck(p.SubscriptionId, p.Period.Start.ToUnixTimeSeconds()));
}

using Billing.Domain.Invoicing;

namespace Billing.Ingestion;

/// <summary>
/// After usage commits, each subscription whose current period gained events gets a threshold
/// check (docs/architecture.md §5, step 3). Periods that already ended (events arriving in their grace window)
/// are left to their cycle invoice: <see cref="ThresholdPolicy.Covers"/>.
/// </summary>
internal static class ThresholdChecks
{
    /// <param name="now">The business clock's time of the commit.</param>
    public static IEnumerable<ThresholdCheck> For(IngestionSummary summary, DateTimeOffset now) =>
        summary.Accepted == 0
            ? []
            : summary.Touched
                .Where(p => ThresholdPolicy.Covers(p.Key.Period, now))
                .Select(p => new ThresholdCheck(p.Key.SubscriptionId, p.Key.Period.Start.ToUnixTimeSeconds(), p.Value));
}

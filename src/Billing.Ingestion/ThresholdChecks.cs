using Billing.Domain.Invoicing;

namespace Billing.Ingestion;

/// <summary>
/// After usage commits, each subscription whose current period the run committed to gets a
/// threshold check (docs/architecture.md §5, step 3), even when every event was a duplicate: a run
/// that committed them and stopped before its checks were sent (a crash, a host stopped under it) is
/// repeated by its retry, whose events are then all duplicates, and only the retry's checks are
/// left to judge that usage. A check an earlier judgment covers costs no read (its event count).
/// Periods that already ended (events arriving in their grace window) are left to their cycle
/// invoice: <see cref="ThresholdPolicy.Covers"/>.
/// </summary>
internal static class ThresholdChecks
{
    /// <param name="now">The business clock's time of the commit.</param>
    public static IEnumerable<ThresholdCheck> For(IngestionSummary summary, DateTimeOffset now) =>
        summary.Touched
            .Where(p => ThresholdPolicy.Covers(p.Key.Period, now))
            .Select(p => new ThresholdCheck(p.Key.SubscriptionId, p.Key.Period.Start.ToUnixTimeSeconds(), p.Value));
}

using System.Collections.Concurrent;
using Billing.Domain.Invoicing;

namespace Billing.Invoicing.Workflows;

/// <summary>
/// What this instance's CheckThreshold has judged to the end: per subscription period, the most
/// events of a state it judged (<see cref="Domain.Usage.UsageSnapshot.CommittedEvents"/>). A check
/// whose commit such a state includes (its <see cref="ThresholdCheck.Events"/> is no more) is
/// covered: judging it again would read that state or a later one, which the next commit's own
/// check judges. So when commits outpace the checks (files, or many requests, to the same
/// subscriptions), the checks queued behind one judgment cost no read. Per instance: another
/// instance judges again, never less; a check without a count is always judged.
/// </summary>
public sealed class JudgedPartitions
{
    /// <summary>Periods remembered before the memo starts over (it only saves reads).</summary>
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<(string Subscription, long PeriodStart), long> judged = new();

    public bool Covers(ThresholdCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Events is { } events
            && judged.TryGetValue((check.Subscription, check.PeriodStart), out var seen)
            && seen >= events;
    }

    /// <summary>Records a judgment of a state with <paramref name="events"/> committed events, once every part of it is done.</summary>
    public void Record(string subscription, long periodStart, long events)
    {
        if (judged.Count >= MaxRemembered)
        {
            judged.Clear();
        }

        judged.AddOrUpdate((subscription, periodStart), events, (_, seen) => Math.Max(seen, events));
    }
}

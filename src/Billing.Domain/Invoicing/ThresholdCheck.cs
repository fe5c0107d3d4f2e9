namespace Billing.Domain.Invoicing;

/// <summary>One subscription period whose usage changed, to compare with its threshold.</summary>
/// <param name="PeriodStart">Unix seconds.</param>
/// <param name="Events">
/// The period's committed events once the commit that asked for the check was written
/// (<see cref="Usage.UsageSnapshot.CommittedEvents"/>), or null when the commit did not say. A
/// judgment of a state with at least as many events has seen that commit, so it covers this check.
/// </param>
public sealed record ThresholdCheck(string Subscription, long PeriodStart, long? Events = null);

namespace Billing.LocalHost.Triggers;

/// <summary>
/// A timer's schedule monitor record, blob <c>host-timers/&lt;function&gt;/status</c>, shaped
/// like the Functions host's <c>ScheduleStatus</c>.
/// </summary>
/// <param name="Last">The occurrence last run (null before the first run).</param>
/// <param name="Next">The occurrence due next: when it is in the past at start-up, it was missed.</param>
internal sealed record TimerStatus(DateTimeOffset? Last, DateTimeOffset Next, DateTimeOffset LastUpdated);

namespace Billing.Invoicing.Workflows;

/// <summary>What a timer trigger tells its function, and who asked for the run.</summary>
/// <param name="IsPastDue">The run is a missed occurrence caught up late (the timer trigger's <c>IsPastDue</c>).</param>
/// <param name="IsClockAdvance">
/// The test clock's advance (<c>POST /api/test_helpers/clock/advance</c>) runs the timer, not its
/// schedule. Moving the clock is an explicit request to let time pass, so such a run catches up on
/// everything that fell due: ClosePeriods then ignores <c>Billing:MaxCatchUpPeriods</c>, which only
/// guards the runs nobody asked for.
/// </param>
public sealed record TimerRun(bool IsPastDue, bool IsClockAdvance = false);

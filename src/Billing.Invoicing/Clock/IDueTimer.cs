using Billing.Invoicing.Workflows;
using Microsoft.DurableTask.Client;

namespace Billing.Invoicing.Clock;

/// <summary>
/// A timer function, as its timer trigger (src/Billing.Functions/Triggers) and the test clock run it: when the clock advances, every registered
/// <see cref="IDueTimer"/> (a DI singleton, <c>services.AddSingleton&lt;IDueTimer, …&gt;()</c>) runs
/// once, in registration order, with <c>IsPastDue: false</c> and <c>IsClockAdvance: true</c>. Whatever
/// fell due between the old and the new time must be caught up by that one run, as ClosePeriods
/// catches up every closed period (limits meant for scheduled runs do not apply to it).
/// </summary>
public interface IDueTimer
{
    /// <summary>The function's name, e.g. <c>ClosePeriods</c>.</summary>
    string FunctionName { get; }

    /// <summary>Runs the function's handler once, as its timer trigger would.</summary>
    /// <param name="client">The host's Durable client (the trigger's <c>[DurableClient]</c>), for timers that start orchestrations.</param>
    Task<DueTimerResult> RunAsync(TimerRun run, DurableTaskClient client, CancellationToken cancellationToken);
}

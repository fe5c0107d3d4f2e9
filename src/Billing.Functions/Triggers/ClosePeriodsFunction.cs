using Billing.Invoicing.Clock;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Triggers;

/// <summary>Hands each period whose end plus the grace period has passed to invoicing (schedule: app setting <c>Billing__ClosePeriodsSchedule</c>).</summary>
public sealed class ClosePeriodsFunction(IEnumerable<IDueTimer> timers, ILogger<ClosePeriodsFunction> logger)
{
    [Function("ClosePeriods")]
    public Task RunAsync(
        [TimerTrigger("%Billing__ClosePeriodsSchedule%", UseMonitor = true, RunOnStartup = false)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return DueTimerFunction.RunAsync(timers, "ClosePeriods", timer.IsPastDue, client, logger, cancellationToken);
    }
}

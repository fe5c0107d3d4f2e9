using Billing.Invoicing.Clock;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Triggers;

/// <summary>Every 5 minutes: re-reads unsettled invoices from Stripe, requests stuck runs again, retries failed payments.</summary>
public sealed class ReconcileFunction(IEnumerable<IDueTimer> timers, ILogger<ReconcileFunction> logger)
{
    [Function("Reconcile")]
    public Task RunAsync(
        [TimerTrigger("0 */5 * * * *", UseMonitor = true, RunOnStartup = false)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return DueTimerFunction.RunAsync(timers, "Reconcile", timer.IsPastDue, client, logger, cancellationToken);
    }
}

using Billing.Invoicing.Clock;
using Billing.Invoicing.Workflows;
using Microsoft.DurableTask.Client;

namespace Billing.Invoicing;

/// <summary>Reconcile as a timer the test clock runs when it advances (after ClosePeriods).</summary>
public sealed class ReconcileTimer(ReconcileHandler handler) : IDueTimer
{
    public string FunctionName => "Reconcile";

    public async Task<DueTimerResult> RunAsync(TimerRun run, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var report = await handler.HandleAsync(run, client, cancellationToken).ConfigureAwait(false);
        return new DueTimerResult(report, $"{report.Checked} invoices compared with Stripe, {report.Resumed} runs requested again, {report.PaymentsRetried} payments retried");
    }
}

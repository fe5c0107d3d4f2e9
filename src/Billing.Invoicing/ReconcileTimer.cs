using Billing.Invoicing.Clock;
using Billing.Invoicing.Outbound;
using Billing.Invoicing.Workflows;
using Microsoft.DurableTask.Client;

namespace Billing.Invoicing;

/// <summary>
/// Reconcile as a timer the test clock runs when it advances (after ClosePeriods): the invoices
/// (<see cref="ReconcileHandler"/>), then the webhook attempts the delivery queue lost (<see cref="OverdueDeliveries"/>).
/// </summary>
public sealed class ReconcileTimer(ReconcileHandler handler, OverdueDeliveries deliveries) : IDueTimer
{
    public string FunctionName => "Reconcile";

    public async Task<DueTimerResult> RunAsync(TimerRun run, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var report = await handler.HandleAsync(run, client, cancellationToken).ConfigureAwait(false);
        report = report with { WebhookAttemptsSentAgain = await deliveries.SendAgainAsync(cancellationToken).ConfigureAwait(false) };
        return new DueTimerResult(
            report,
            $"{report.Checked} invoices compared with Stripe, {report.Resumed} runs requested again, {report.PaymentsRetried} payments retried, " +
            $"{report.WebhookAttemptsSentAgain} webhook attempts the queue had lost sent again");
    }
}

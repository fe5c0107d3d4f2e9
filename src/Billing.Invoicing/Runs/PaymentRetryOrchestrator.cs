namespace Billing.Invoicing.Runs;

/// <summary>
/// Attempt n of an open invoice's payment (instance id <c>{invoice id}.pay{n}</c>), started by the
/// Reconcile timer when the business clock says the retry is due: one activity with the key
/// <c>pay-{n}</c>. The day between attempts is never a durable timer. Stalls like a run.
/// </summary>
public sealed class PaymentRetryOrchestrator : TaskOrchestrator<PaymentRetryInput, InvoiceRunResult?>
{
    public override async Task<InvoiceRunResult?> RunAsync(TaskOrchestrationContext context, PaymentRetryInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var options = input.Retry.ToTaskOptions();
        try
        {
            return await context.CallActivityAsync<InvoiceRunResult>(
                BillingTasks.RetryPayment, new PaymentAttempt(input.Customer, input.InvoiceId, input.Attempt), options);
        }
        catch (TaskFailedException failed)
        {
            await Stalls.ReportAsync(context, new StallInput(input.Customer, input.InvoiceId, BillingTasks.PaymentRetry, failed.Message, input.Retry.StallBackoff), options);
            context.ContinueAsNew(input with { Stalls = input.Stalls + 1 }, preserveUnprocessedEvents: false);
            return null;
        }
    }
}

namespace Billing.Invoicing.Runs;

/// <summary>Charges an open invoice again (dunning attempt n) (<see cref="InvoiceRunSteps.RetryPaymentAsync"/>). Activities get no cancellation token: a stopping host abandons the work item, which runs again.</summary>
public sealed class RetryPaymentActivity(InvoiceRunSteps steps) : TaskActivity<PaymentAttempt, InvoiceRunResult>
{
    public override Task<InvoiceRunResult> RunAsync(TaskActivityContext context, PaymentAttempt input) => steps.RetryPaymentAsync(input, CancellationToken.None);
}

namespace Billing.Invoicing.Runs;

/// <summary>Completes the run and releases the subscription's lock (<see cref="InvoiceRunSteps.CompleteAsync"/>). Activities get no cancellation token: a stopping host abandons the work item, which runs again.</summary>
public sealed class CompleteInvoiceRunActivity(InvoiceRunSteps steps) : TaskActivity<InvoiceRef, InvoiceRunResult>
{
    public override Task<InvoiceRunResult> RunAsync(TaskActivityContext context, InvoiceRef input) => steps.CompleteAsync(input, CancellationToken.None);
}

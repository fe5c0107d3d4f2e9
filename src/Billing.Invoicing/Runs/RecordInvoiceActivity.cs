namespace Billing.Invoicing.Runs;

/// <summary>Writes the ledger with the step, in one ETag-guarded transaction (<see cref="InvoiceRunSteps.RecordAsync"/>). Activities get no cancellation token: a stopping host abandons the work item, which runs again.</summary>
public sealed class RecordInvoiceActivity(InvoiceRunSteps steps) : TaskActivity<InvoiceRef, StepResult>
{
    public override Task<StepResult> RunAsync(TaskActivityContext context, InvoiceRef input) => steps.RecordAsync(input, CancellationToken.None);
}

namespace Billing.Invoicing.Runs;

/// <summary>Charges the invoice once and completes the run (<see cref="InvoiceRunSteps.PayAsync"/>). Activities get no cancellation token: a stopping host abandons the work item, which runs again.</summary>
public sealed class PayInvoiceActivity(InvoiceRunSteps steps) : TaskActivity<InvoiceRef, StepResult>
{
    public override Task<StepResult> RunAsync(TaskActivityContext context, InvoiceRef input) => steps.PayAsync(input, CancellationToken.None);
}

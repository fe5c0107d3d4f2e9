namespace Billing.Invoicing.Runs;

/// <summary>Adds the invoice's lines to its Stripe draft (<see cref="InvoiceRunSteps.AddLinesAsync"/>). Activities get no cancellation token: a stopping host abandons the work item, which runs again.</summary>
public sealed class AddStripeLinesActivity(InvoiceRunSteps steps) : TaskActivity<InvoiceRef, StepResult>
{
    public override Task<StepResult> RunAsync(TaskActivityContext context, InvoiceRef input) => steps.AddLinesAsync(input, CancellationToken.None);
}

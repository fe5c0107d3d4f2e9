namespace Billing.Invoicing.Runs;

/// <summary>Creates the Stripe draft of the run's invoice (<see cref="InvoiceRunSteps.CreateDraftAsync"/>). Activities get no cancellation token: a stopping host abandons the work item, which runs again.</summary>
public sealed class CreateStripeDraftActivity(InvoiceRunSteps steps) : TaskActivity<InvoiceRef, StepResult>
{
    public override Task<StepResult> RunAsync(TaskActivityContext context, InvoiceRef input) => steps.CreateDraftAsync(input, CancellationToken.None);
}

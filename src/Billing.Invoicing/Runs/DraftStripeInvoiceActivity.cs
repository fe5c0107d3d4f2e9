namespace Billing.Invoicing.Runs;

/// <summary>Creates the Stripe draft and adds its lines (<see cref="InvoiceRunSteps.DraftAsync"/>). Activities get no cancellation token: a stopping host abandons the work item, which runs again.</summary>
public sealed class DraftStripeInvoiceActivity(InvoiceRunSteps steps) : TaskActivity<InvoiceRef, StepResult>
{
    public override Task<StepResult> RunAsync(TaskActivityContext context, InvoiceRef input) => steps.DraftAsync(input, CancellationToken.None);
}

namespace Billing.Invoicing.Runs;

/// <summary>Finalizes the Stripe invoice and records it in the ledger (<see cref="InvoiceRunSteps.FinalizeAsync"/>). Activities get no cancellation token: a stopping host abandons the work item, which runs again.</summary>
public sealed class FinalizeStripeInvoiceActivity(InvoiceRunSteps steps) : TaskActivity<InvoiceRef, StepResult>
{
    public override Task<StepResult> RunAsync(TaskActivityContext context, InvoiceRef input) => steps.FinalizeAsync(input, CancellationToken.None);
}

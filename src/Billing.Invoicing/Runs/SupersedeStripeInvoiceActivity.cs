namespace Billing.Invoicing.Runs;

/// <summary>Supersedes a vanished Stripe invoice once, or ends the run visibly (<see cref="InvoiceRunSteps.SupersedeAsync"/>). Activities get no cancellation token: a stopping host abandons the work item, which runs again.</summary>
public sealed class SupersedeStripeInvoiceActivity(InvoiceRunSteps steps) : TaskActivity<SupersedeInput, SupersedeResult>
{
    public override Task<SupersedeResult> RunAsync(TaskActivityContext context, SupersedeInput input) => steps.SupersedeAsync(input, CancellationToken.None);
}

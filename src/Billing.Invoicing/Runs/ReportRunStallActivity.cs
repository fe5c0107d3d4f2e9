namespace Billing.Invoicing.Runs;

/// <summary>Records a stalled run as an incident and logs it (<see cref="InvoiceRunSteps.ReportStallAsync"/>).</summary>
public sealed class ReportRunStallActivity(InvoiceRunSteps steps) : TaskActivity<StallInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StallInput input)
    {
        await steps.ReportStallAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}

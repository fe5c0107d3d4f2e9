namespace Billing.Invoicing.Runs;

/// <summary>The input of <see cref="InvoiceRunOrchestrator"/> (instance id = the invoice id).</summary>
/// <param name="Stalls">How many times the run stalled and started over (<c>ContinueAsNew</c>) so far.</param>
public sealed record InvoiceRunInput(string Customer, string InvoiceId, RunRetry Retry, int Stalls = 0)
{
    public InvoiceRef Invoice => new(Customer, InvoiceId);
}

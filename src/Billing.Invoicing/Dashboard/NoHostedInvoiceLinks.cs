namespace Billing.Invoicing.Dashboard;

/// <summary>No hosted invoice pages known: the stand-in until the ledger records Stripe's <c>hosted_invoice_url</c>.</summary>
public sealed class NoHostedInvoiceLinks : IHostedInvoiceLinks
{
    public Task<Uri?> FindAsync(InvoiceView invoice, CancellationToken cancellationToken) => Task.FromResult<Uri?>(null);
}

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// Seam to Stripe's hosted invoice page: the ledger does not record <c>hosted_invoice_url</c> yet
/// (Stripe returns it when an invoice is finalized). Until it does, <see cref="NoHostedInvoiceLinks"/>
/// answers none and the pages show the Stripe invoice id without a link.
/// </summary>
public interface IHostedInvoiceLinks
{
    /// <returns>The https URL of the invoice's hosted page, or null.</returns>
    Task<Uri?> FindAsync(InvoiceView invoice, CancellationToken cancellationToken);
}

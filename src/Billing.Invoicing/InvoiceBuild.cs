using Billing.Domain.Invoicing;

namespace Billing.Invoicing;

/// <summary>
/// What an invoice-run request builds (<see cref="InvoiceBuilder"/>): the invoice to issue, or null
/// when there is nothing to issue, and the lines it had to leave out because their price is beyond
/// the line bound. Lines left out are an incident to report, whether or not anything is issued.
/// </summary>
/// <param name="InvoiceId">The id the invoice has (or would have): <c>{subscription}.{period_start}.{kind}</c>.</param>
public sealed record InvoiceBuild(string InvoiceId, Invoice? Invoice, IReadOnlyList<UnbillableLine> Unbillable)
{
    public static InvoiceBuild Nothing(string invoiceId) => new(invoiceId, null, []);
}

using Billing.Domain.Ports;

namespace Billing.Invoicing;

/// <summary><c>GET /api/invoices[?customer=]</c>: a customer's invoices (everyone's without a customer), oldest first.</summary>
public sealed class InvoicesHandler(IInvoiceStore invoices)
{
    public async Task<IReadOnlyList<InvoiceView>> HandleAsync(string? customer, CancellationToken cancellationToken)
    {
        var list = new List<InvoiceView>();
        await foreach (var invoice in invoices.ListAsync(string.IsNullOrEmpty(customer) ? null : customer, cancellationToken).ConfigureAwait(false))
        {
            list.Add(InvoiceView.From(invoice));
        }

        return [.. list.OrderBy(i => i.PeriodStart).ThenBy(i => i.Created).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }
}

using Billing.Domain.Invoicing;
using Billing.Domain.Usage;

namespace Billing.Domain.Ports;

/// <summary>
/// What issued invoices have billed of each usage partition, per price: the raw quantity and the
/// amount (minor units). The next invoice bills the difference. It is written only with the run
/// that records it (<see cref="IInvoiceStore.RecordAsync"/>).
/// </summary>
public interface IBilledToDateLedger
{
    /// <summary>What invoices billed of <paramref name="partition"/> so far, by price id (empty before its first invoice).</summary>
    Task<IReadOnlyDictionary<string, BilledToDate>> ReadAsync(string customer, UsagePartition partition, CancellationToken cancellationToken);
}

using Azure.Data.Tables;
using Billing.Domain.Invoicing;
using Billing.Domain.Ports;
using Billing.Domain.Usage;

namespace Billing.Storage.Ledger;

/// <summary>
/// The invoice ledger's "billed to date": per usage partition and price, the raw quantity and the
/// amount (minor units) that issued invoices have covered. The next invoice bills the difference.
/// </summary>
/// <remarks>
/// One row per usage partition (<see cref="LedgerRow"/>) in the customer's partition of table
/// <c>invoices</c>, next to the invoice rows and the run lock. That is what lets a run record its
/// lines in the same entity-group transaction that moves it to <see cref="RunStep.Recorded"/>
/// (<see cref="Invoices.InvoiceStore.RecordAsync"/>), guarded by the invoice row's ETag: a driver
/// holding a stale copy of a run writes nothing, so the ledger never goes back. Reading it is one
/// point read.
/// </remarks>
public sealed class BilledUsageStore : IBilledToDateLedger
{
    private readonly TableClient table;

    public BilledUsageStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.InvoicesTable);
    }

    /// <summary>What invoices billed of <paramref name="partition"/> so far, by price id (empty before its first invoice).</summary>
    public async Task<IReadOnlyDictionary<string, BilledToDate>> ReadAsync(string customer, UsagePartition partition, CancellationToken cancellationToken) =>
        (await ReadRowAsync(customer, partition, cancellationToken).ConfigureAwait(false)).Billed;

    internal async Task<LedgerRow> ReadRowAsync(string customer, UsagePartition partition, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customer);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(customer, LedgerRow.RowKey(partition), cancellationToken: cancellationToken).ConfigureAwait(false);
        return LedgerRow.From(customer, partition, row.HasValue ? row.Value : null);
    }
}

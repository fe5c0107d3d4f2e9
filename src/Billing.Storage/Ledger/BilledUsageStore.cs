using System.Globalization;
using Azure.Data.Tables;
using Billing.Domain.Invoicing;
using Billing.Storage.Usage;

namespace Billing.Storage.Ledger;

/// <summary>
/// The invoice ledger's "billed to date": per usage partition and price, the raw quantity and the
/// amount (minor units) that issued invoices have covered. The next invoice bills the difference.
/// Rows: PartitionKey = the usage partition key, RowKey = price id.
/// </summary>
public sealed class BilledUsageStore
{
    private readonly TableClient table;

    public BilledUsageStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.BilledTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, BilledToDate>> ReadAsync(UsagePartition partition, CancellationToken cancellationToken)
    {
        var billed = new Dictionary<string, BilledToDate>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition.PartitionKey}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            billed[row.RowKey] = new BilledToDate(
                decimal.Parse(row.GetString("Quantity") ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture),
                row.GetInt64("AmountMinor") ?? 0);
        }

        return billed;
    }
}

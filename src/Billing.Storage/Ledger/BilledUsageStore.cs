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

    /// <summary>
    /// Records what an issued invoice billed: per (partition, price) the cumulative quantity and
    /// amount. The values are absolute, not increments, so recording the same invoice again changes
    /// nothing; one transaction per partition.
    /// </summary>
    public async Task RecordAsync(IEnumerable<(UsagePartition Partition, string PriceId, BilledToDate Cumulative)> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var partition in lines.GroupBy(l => l.Partition.PartitionKey, StringComparer.Ordinal))
        {
            var actions = partition
                .Select(l => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition.Key, l.PriceId)
                {
                    ["Quantity"] = l.Cumulative.Quantity.ToString(CultureInfo.InvariantCulture),
                    ["AmountMinor"] = l.Cumulative.AmountMinor,
                }))
                .ToList();
            foreach (var chunk in actions.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

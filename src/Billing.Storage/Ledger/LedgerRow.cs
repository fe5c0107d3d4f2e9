using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Invoicing;
using Billing.Domain.Usage;

namespace Billing.Storage.Ledger;

/// <summary>
/// A usage partition's ledger row as read (<see cref="BilledUsageStore"/>): what invoices billed
/// of it per price, and the ETag a write must match (null when the row does not exist yet).
/// </summary>
internal sealed record LedgerRow(string Customer, UsagePartition Partition, IReadOnlyDictionary<string, BilledToDate> Billed, ETag? ETag)
{
    private const string RowPrefix = "billed|";
    private const string KindBilled = "billed";

    /// <summary>"billed|{subscription}|{period start}", in the customer's partition of table <c>invoices</c>.</summary>
    public static string RowKey(UsagePartition partition) => RowPrefix + partition.PartitionKey;

    public static LedgerRow From(string customer, UsagePartition partition, TableEntity? entity)
    {
        if (entity is null)
        {
            return new LedgerRow(customer, partition, new Dictionary<string, BilledToDate>(StringComparer.Ordinal), ETag: null);
        }

        var prices = JsonSerializer.Deserialize(entity.GetString("Prices") ?? "[]", LedgerJson.Default.BilledPriceArray)
            ?? throw new InvalidDataException($"Ledger row {customer}/{entity.RowKey} has no prices.");
        return new LedgerRow(customer, partition, prices.ToDictionary(p => p.Price, p => new BilledToDate(p.Quantity, p.Amount), StringComparer.Ordinal), entity.ETag);
    }

    /// <summary>
    /// The transaction action that stores this row with <paramref name="cumulative"/> (absolute
    /// values per price) laid over it: an insert when the row was absent, else a replace that
    /// fails if the row changed since it was read.
    /// </summary>
    public TableTransactionAction Write(IEnumerable<(string Price, BilledToDate Cumulative)> cumulative)
    {
        var merged = new SortedDictionary<string, BilledToDate>(StringComparer.Ordinal);
        foreach (var (price, billed) in Billed.Select(p => (p.Key, p.Value)).Concat(cumulative))
        {
            merged[price] = billed;
        }

        var entity = new TableEntity(Customer, RowKey(Partition))
        {
            ["Kind"] = KindBilled,
            ["Prices"] = JsonSerializer.Serialize([.. merged.Select(p => new BilledPrice(p.Key, p.Value.Quantity, p.Value.AmountMinor))], LedgerJson.Default.BilledPriceArray),
        };
        return ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, entity);
    }
}

using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Ports;
using Billing.Domain.Reconciliation;

namespace Billing.Storage.Reconciliation;

/// <summary>
/// Table <c>drift</c>: one row per invoice that disagrees with Stripe (partition = customer, row =
/// invoice id), replaced at every comparison and removed once the two agree.
/// </summary>
public sealed class DriftStore : IDriftLog
{
    private readonly TableClient table;

    public DriftStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.DriftTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public Task RecordAsync(DriftRecord drift, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drift);
        return table.UpsertEntityAsync(
            new TableEntity(drift.Customer, drift.InvoiceId)
            {
                ["StripeInvoiceId"] = drift.StripeInvoiceId,
                ["Differences"] = JsonSerializer.Serialize([.. drift.Differences.Select(StoredDifference.From)], DriftJson.Default.IReadOnlyListStoredDifference),
                ["DetectedAt"] = drift.DetectedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Removes the invoice's drift, if any.</summary>
    public async Task ClearAsync(string customer, string invoiceId, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(customer, invoiceId, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // nothing to clear
        }
    }

    public async IAsyncEnumerable<DriftRecord> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new DriftRecord(
                row.PartitionKey,
                row.RowKey,
                row.GetString("StripeInvoiceId"),
                [.. (JsonSerializer.Deserialize(row.GetString("Differences") ?? "[]", DriftJson.Default.IReadOnlyListStoredDifference) ?? []).Select(d => d.ToDifference())],
                row.GetDateTimeOffset("DetectedAt") ?? DateTimeOffset.UnixEpoch);
        }
    }
}

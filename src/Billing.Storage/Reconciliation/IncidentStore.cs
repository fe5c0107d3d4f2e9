using System.Text.Json;
using Azure.Data.Tables;
using Billing.Domain.Ports;
using Billing.Domain.Reconciliation;

namespace Billing.Storage.Reconciliation;

/// <summary>
/// Table <c>incidents</c>: one row per invoice that left lines out (partition = customer, row =
/// invoice id), and one per invoice and reason for a run incident (row = <c>{invoice id}:{reason}</c>,
/// so it never replaces the lines of the first kind). Written by the invoice run, idempotently (a
/// repeated run writes the same row); the app never removes one: an incident is settled by a
/// person, who deletes the row.
/// </summary>
public sealed class IncidentStore : IIncidentLog
{
    private readonly TableClient table;

    public IncidentStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.IncidentsTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public Task RecordAsync(IncidentRecord incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return table.UpsertEntityAsync(
            new TableEntity(incident.Customer, incident.Reason is null ? incident.InvoiceId : $"{incident.InvoiceId}:{incident.Reason}")
            {
                ["Invoice"] = incident.InvoiceId,
                ["Reason"] = incident.Reason,
                ["Message"] = incident.Message,
                ["Subscription"] = incident.Subscription,
                ["Lines"] = JsonSerializer.Serialize([.. incident.Lines.Select(StoredIncidentLine.From)], IncidentJson.Default.IReadOnlyListStoredIncidentLine),
                ["DetectedAt"] = incident.DetectedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async IAsyncEnumerable<IncidentRecord> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new IncidentRecord(
                row.PartitionKey,
                row.GetString("Invoice") ?? row.RowKey,
                row.GetString("Subscription") ?? string.Empty,
                [.. (JsonSerializer.Deserialize(row.GetString("Lines") ?? "[]", IncidentJson.Default.IReadOnlyListStoredIncidentLine) ?? []).Select(l => l.ToLine())],
                row.GetDateTimeOffset("DetectedAt") ?? DateTimeOffset.UnixEpoch)
            {
                Reason = row.GetString("Reason"),
                Message = row.GetString("Message"),
            };
        }
    }
}

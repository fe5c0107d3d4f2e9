using Azure;
using Azure.Data.Tables;
using Billing.Domain.Periods;
using Billing.Domain.Ports;

namespace Billing.Storage.Closes;

/// <summary>
/// How far each subscription's periods have been closed (handed to invoicing): one row per
/// subscription, <c>NextPeriod</c> = the index of the first period not yet closed.
/// </summary>
public sealed class PeriodCloseStore : IPeriodCloses
{
    private const string RowKey = "close";
    private readonly TableClient table;

    public PeriodCloseStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.ClosesTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Every subscription's marker, by subscription id (absent: nothing closed yet).</summary>
    public async Task<IReadOnlyDictionary<string, CloseMarker>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var markers = new Dictionary<string, CloseMarker>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            markers[row.PartitionKey] = new CloseMarker(row.GetInt64("NextPeriod") ?? 0, row.ETag.ToString());
        }

        return markers;
    }

    /// <summary>Moves the marker forward unless another instance moved it since it was read.</summary>
    /// <param name="previous">The marker as read, or null when there was none.</param>
    public async Task<bool> TryAdvanceAsync(string subscriptionId, CloseMarker? previous, long nextPeriod, CancellationToken cancellationToken)
    {
        var row = new TableEntity(subscriptionId, RowKey) { ["NextPeriod"] = nextPeriod };
        try
        {
            if (previous is { } marker)
            {
                await table.UpdateEntityAsync(row, new ETag(marker.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}


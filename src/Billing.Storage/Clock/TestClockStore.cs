using Azure;
using Azure.Data.Tables;
using Billing.Domain.Ports;

namespace Billing.Storage.Clock;

/// <summary>
/// The test clock's frozen time, one row, so that a restarted (or another) handler process keeps
/// it. Writes are guarded by the row's ETag: two instances advancing at once cannot both win.
/// </summary>
public sealed class TestClockStore : ITestClockStore
{
    private const string PartitionKey = "clock";
    private const string RowKey = "frozen";
    private const string FrozenUtcTicks = "FrozenUtcTicks";
    private readonly TableClient table;

    public TestClockStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.TestClockTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The stored frozen time, or null when the clock was never advanced.</summary>
    public async Task<StoredClock?> ReadAsync(CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, RowKey, [FrozenUtcTicks], cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value!.GetInt64(FrozenUtcTicks) is not { } ticks)
        {
            return null;
        }

        return new StoredClock(new DateTimeOffset(ticks, TimeSpan.Zero), row.Value.ETag.ToString());
    }

    /// <summary>Stores a new frozen time unless another writer changed the row since it was read.</summary>
    /// <param name="previous">The row as read, or null when there was none.</param>
    /// <returns>false when another writer got there first: read again and decide again.</returns>
    public async Task<bool> TryWriteAsync(StoredClock? previous, DateTimeOffset frozenTime, CancellationToken cancellationToken)
    {
        // UTC ticks, not a table DateTime: exact to 100 ns and free of the service's DateTime range.
        var row = new TableEntity(PartitionKey, RowKey) { [FrozenUtcTicks] = frozenTime.UtcTicks };
        try
        {
            if (previous is { } stored)
            {
                await table.UpdateEntityAsync(row, new ETag(stored.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
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

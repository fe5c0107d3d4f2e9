using Azure.Data.Tables;
using Billing.Domain.Ports;
using Billing.Domain.Subscriptions;

namespace Billing.Storage.SpendCaps;

/// <summary>
/// Spend caps set at run time (<c>PUT /api/subscriptions/{id}/spend_cap</c>), one row per
/// subscription in table <c>spendcaps</c>: its <c>Amount</c> (minor units), or none for "no cap".
/// A row wins over the catalog's <c>spend_cap.amount</c>; without one the catalog's cap holds.
/// The instance keeps the whole table in memory and reads it again (one query, a page per 1,000
/// rows) once <see cref="SpendCapOptions.CacheTtl"/> has passed on the wall clock, or after a PUT
/// it served: so ingestion asks storage nothing per request, however many subscriptions it touches.
/// </summary>
public sealed class SpendCapStore : ISpendCaps
{
    private const string RowKey = "spend_cap";
    private const string AmountField = "Amount";
    private readonly TableClient table;
    private readonly TimeSpan ttl;
    private readonly TimeProvider wallClock;
    private Snapshot? current;

    /// <param name="wallClock">Times the cache; never the business (test) clock, whose time may stand still.</param>
    public SpendCapStore(TableServiceClient tables, StorageNames names, SpendCapOptions options, TimeProvider wallClock)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        table = tables.GetTableClient(names.SpendCapsTable);
        ttl = options.CacheTtl;
        this.wallClock = wallClock ?? throw new ArgumentNullException(nameof(wallClock));
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async ValueTask<long?> CapOfAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var overrides = await Current().Rows.WaitAsync(cancellationToken).ConfigureAwait(false);
        return overrides.TryGetValue(subscription.Id, out var amount) ? amount : subscription.SpendCapAmount;
    }

    public async Task SetAsync(string subscriptionId, long? amount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        if (amount is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A spend cap is 0 or more minor units.");
        }

        var row = new TableEntity(subscriptionId, RowKey);
        if (amount is { } value)
        {
            row[AmountField] = value;
        }

        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        // The next caller reads the table again, this write included.
        Volatile.Write(ref current, null);
    }

    /// <summary>
    /// The table as last read, or a read started now when it is older than the TTL or failed. Callers
    /// share one read in flight; it is not cancelled with any one caller (storage calls time out on their own).
    /// </summary>
    private Snapshot Current()
    {
        while (true)
        {
            var seen = Volatile.Read(ref current);
            var now = wallClock.GetTimestamp();
            if (seen is not null && !seen.Rows.IsFaulted && !seen.Rows.IsCanceled && wallClock.GetElapsedTime(seen.ReadAt, now) < ttl)
            {
                return seen;
            }

            var fresh = new Snapshot(now);
            if (Interlocked.CompareExchange(ref current, fresh, seen) == seen)
            {
                fresh.Start(ReadAllAsync());
                return fresh;
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, long?>> ReadAllAsync()
    {
        var rows = new Dictionary<string, long?>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.RowKey == RowKey, select: ["PartitionKey", AmountField], cancellationToken: CancellationToken.None).ConfigureAwait(false))
        {
            rows[row.PartitionKey] = row.GetInt64(AmountField);
        }

        return rows;
    }

    /// <summary>One read of the table: subscription id → its cap (null: none), and when it started (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    private sealed class Snapshot(long readAt)
    {
        private readonly TaskCompletionSource<IReadOnlyDictionary<string, long?>> rows = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long ReadAt { get; } = readAt;

        public Task<IReadOnlyDictionary<string, long?>> Rows => rows.Task;

        public void Start(Task<IReadOnlyDictionary<string, long?>> read) =>
            _ = read.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        rows.TrySetResult(t.Result);
                    }
                    else
                    {
                        rows.TrySetException(t.Exception?.InnerExceptions ?? [new OperationCanceledException()]);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
    }
}

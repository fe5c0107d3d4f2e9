using System.Collections.Concurrent;
using Azure.Data.Tables;
using Billing.Domain.Ports;
using Billing.Domain.Subscriptions;

namespace Billing.Storage.SpendCaps;

/// <summary>
/// Spend caps set at run time (<c>PUT /api/subscriptions/{id}/spend_cap</c>), one row per
/// subscription in table <c>spendcaps</c>: its <c>Amount</c> (minor units), or none for "no cap".
/// A row wins over the catalog's <c>spend_cap.amount</c>; without one the catalog's cap holds.
/// Rows are cached per subscription for <see cref="SpendCapOptions.CacheTtl"/> on the wall clock
/// (absent rows too, so that subscriptions without an override cost no read per request either).
/// </summary>
public sealed class SpendCapStore : ISpendCaps
{
    private const string RowKey = "spend_cap";
    private const string AmountField = "Amount";
    private readonly TableClient table;
    private readonly TimeSpan ttl;
    private readonly TimeProvider wallClock;
    private readonly ConcurrentDictionary<string, Entry> cache = new(StringComparer.Ordinal);

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
        var now = wallClock.GetTimestamp();
        var cached = cache.GetValueOrDefault(subscription.Id);
        var entry = cached;
        if (entry is null || wallClock.GetElapsedTime(entry.ReadAt, now) >= ttl)
        {
            entry = new Entry(await ReadAsync(subscription.Id, cancellationToken).ConfigureAwait(false), now);

            // Only over what was there before the read: a PUT served meanwhile keeps its newer value.
            _ = cached is null ? cache.TryAdd(subscription.Id, entry) : cache.TryUpdate(subscription.Id, entry, cached);
        }

        return entry.Override is { } set ? set.Amount : subscription.SpendCapAmount;
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
        cache[subscriptionId] = new Entry(new Override(amount), wallClock.GetTimestamp());
    }

    private async Task<Override?> ReadAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(subscriptionId, RowKey, [AmountField], cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? new Override(entity.GetInt64(AmountField)) : null;
    }

    /// <param name="Amount">The cap set, or null: set to none.</param>
    private sealed record Override(long? Amount);

    /// <param name="Override">The row, or null when there is none (the catalog's cap holds).</param>
    /// <param name="ReadAt">When it was read, as <see cref="TimeProvider.GetTimestamp"/>.</param>
    private sealed record Entry(Override? Override, long ReadAt);
}

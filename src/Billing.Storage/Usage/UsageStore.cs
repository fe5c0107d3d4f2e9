using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Meters;

namespace Billing.Storage.Usage;

/// <summary>
/// Exactly-once usage aggregation on Table Storage. Each commit writes, in one entity-group
/// transaction, the partition's head (all aggregates, guarded by its ETag) and one new chunk
/// entity holding the dedup keys it adds. Concurrent writers to a partition therefore serialise
/// on the head's ETag: the loser re-reads, re-filters duplicates and tries again, so an event is
/// counted once however many instances, retries or crashes there are.
/// </summary>
public sealed class UsageStore
{
    private readonly TableClient table;
    private readonly UsageStoreOptions options;
    private readonly ConcurrentDictionary<string, CacheEntry> cache = new(StringComparer.Ordinal);
    private long cachedKeys;
    private long clock;

    public UsageStore(TableServiceClient tables, StorageNames names, UsageStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        table = tables.GetTableClient(names.UsageTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Counts each record whose key the partition has not seen, marks the rest duplicates, and
    /// returns which were which (input order). The first of equal keys wins.
    /// </summary>
    /// <param name="commitId">Unique per call (e.g. blob name, ETag and chunk number); lets a retry recognise its own earlier write.</param>
    public async Task<CommitOutcome> CommitAsync(
        UsagePartition partition,
        IReadOnlyList<UsageRecord> records,
        string commitId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentException.ThrowIfNullOrEmpty(commitId);
        var entry = cache.GetOrAdd(partition.PartitionKey, _ => new CacheEntry());
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            entry.LastUsed = Interlocked.Increment(ref clock);
            var isDuplicate = new bool[records.Count];
            var accepted = 0;
            var late = false;
            var part = 0;
            for (var start = 0; start < records.Count; part++)
            {
                var result = await CommitPartAsync(entry, partition, records, start, isDuplicate, $"{commitId}#{part}", cancellationToken)
                    .ConfigureAwait(false);
                start = result.Next;
                accepted += result.Accepted;
                late |= result.Late;
            }

            return new CommitOutcome(isDuplicate, accepted, late);
        }
        finally
        {
            entry.Gate.Release();
            TrimCache();
        }
    }

    /// <summary>Reads a partition's aggregates (head only, no dedup keys); null when nothing was committed.</summary>
    public async Task<UsageSnapshot?> ReadAsync(UsagePartition partition, CancellationToken cancellationToken)
    {
        var head = await table.GetEntityIfExistsAsync<TableEntity>(partition.PartitionKey, PartitionState.HeadRowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return head.HasValue && head.Value is { } entity ? UsageSnapshot.From(partition, entity) : null;
    }

    /// <summary>
    /// Marks a partition's period as invoiced, provided nothing was committed since
    /// <paramref name="snapshot"/> was read: events committed afterwards count as late usage. Returns
    /// false when the ETag no longer matches (re-read and invoice again). A cached copy of the head
    /// elsewhere fails its next commit on the changed ETag, re-reads, and so sees the mark.
    /// </summary>
    public async Task<bool> TryMarkInvoicedAsync(UsageSnapshot snapshot, DateTimeOffset invoicedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var head = new TableEntity(snapshot.Partition.PartitionKey, PartitionState.HeadRowKey) { ["InvoicedAt"] = invoicedAt };
        try
        {
            await table.UpdateEntityAsync(head, snapshot.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }

        return true;
    }

    private async Task<PartResult> CommitPartAsync(
        CacheEntry entry,
        UsagePartition partition,
        IReadOnlyList<UsageRecord> records,
        int start,
        bool[] isDuplicate,
        string commitId,
        CancellationToken cancellationToken)
    {
        CommitPlan? attempted = null;
        while (true)
        {
            var state = entry.State ??= await LoadAsync(partition, cancellationToken).ConfigureAwait(false);
            if (attempted is not null && state.CommitIds.Contains(commitId))
            {
                // Our previous attempt was written although its answer was lost (the SDK's retry
                // then met our own ETag). Its plan, and the flags it set, stand.
                return new PartResult(attempted.Next, attempted.NewKeys.Count, attempted.Late);
            }

            var plan = Plan(state, records, start, isDuplicate);
            if (plan.NewKeys.Count == 0)
            {
                return new PartResult(plan.Next, 0, false);
            }

            try
            {
                var etag = await WriteAsync(partition, state, plan, commitId, cancellationToken).ConfigureAwait(false);
                state.Apply(etag, plan.Aggregates, plan.NewKeys, plan.Late ? plan.NewKeys.Count : 0);
                Interlocked.Add(ref cachedKeys, plan.NewKeys.Count);
                return new PartResult(plan.Next, plan.NewKeys.Count, plan.Late);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer got there first, or our own attempt did: re-read and decide again.
                Interlocked.Add(ref cachedKeys, -state.Seen.Count);
                entry.State = null;
                attempted = plan;
            }
        }
    }

    /// <summary>Decides, for the records from <paramref name="start"/>, which are new and what the aggregates become.</summary>
    private CommitPlan Plan(PartitionState state, IReadOnlyList<UsageRecord> records, int start, bool[] isDuplicate)
    {
        var aggregates = state.Aggregates.ToDictionary(a => a.Key, a => a.Value.Clone(), StringComparer.Ordinal);
        var newKeys = new List<UInt128>();
        var batchKeys = new HashSet<UInt128>();
        var distinct = new Dictionary<string, List<UInt128>>(StringComparer.Ordinal);
        var budget = options.MaxKeysPerTransaction;
        var index = start;
        for (; index < records.Count && budget > 0; index++)
        {
            var record = records[index];
            if (state.Seen.Contains(record.DedupKey) || !batchKeys.Add(record.DedupKey))
            {
                isDuplicate[index] = true;
                continue;
            }

            isDuplicate[index] = false;
            newKeys.Add(record.DedupKey);
            budget--;
            if (!aggregates.TryGetValue(record.Meter.Id, out var aggregate))
            {
                aggregates[record.Meter.Id] = aggregate = new MeterAggregate(record.Meter.Formula);
            }

            if (aggregate.Formula == AggregationFormula.UniqueCount)
            {
                var before = aggregate.DistinctValues.Count;
                aggregate.Add(record.Sample);
                if (aggregate.DistinctValues.Count > before)
                {
                    if (!distinct.TryGetValue(record.Meter.Id, out var hashes))
                    {
                        distinct[record.Meter.Id] = hashes = [];
                    }

                    hashes.Add(DistinctKey.Parse(record.Sample.DistinctKey));
                    budget--;
                }
            }
            else
            {
                aggregate.Add(record.Sample);
            }
        }

        return new CommitPlan(index, newKeys, aggregates, distinct, state.InvoicedAt is not null);
    }

    private async Task<ETag> WriteAsync(
        UsagePartition partition,
        PartitionState state,
        CommitPlan plan,
        string commitId,
        CancellationToken cancellationToken)
    {
        var head = new TableEntity(partition.PartitionKey, PartitionState.HeadRowKey)
        {
            ["SubscriptionId"] = partition.SubscriptionId,
            ["PeriodStart"] = partition.Period.Start,
            ["PeriodEnd"] = partition.Period.End,
            ["Aggregates"] = PartitionState.WriteAggregates(plan.Aggregates),
            ["NextChunk"] = state.NextChunk + 1,
            ["LateEvents"] = state.LateEvents + (plan.Late ? plan.NewKeys.Count : 0),
            ["InvoicedAt"] = state.InvoicedAt,
        };
        var chunk = new TableEntity(partition.PartitionKey, PartitionState.ChunkRowKey(state.NextChunk))
        {
            ["CommitId"] = commitId,
        };
        var part = 0;
        foreach (var bytes in DedupChunk.Split(new DedupChunk(plan.NewKeys, plan.Distinct).Encode()))
        {
            chunk[$"D{part++}"] = bytes;
        }

        TableTransactionAction[] actions =
        [
            state.ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, head),
            new TableTransactionAction(TableTransactionActionType.Add, chunk),
        ];
        var response = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        return response.Value[0].Headers.ETag ?? throw new InvalidOperationException("Table transaction returned no ETag for the head.");
    }

    private async Task<PartitionState> LoadAsync(UsagePartition partition, CancellationToken cancellationToken)
    {
        var entities = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition.PartitionKey}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entities.Add(entity);
        }

        var state = PartitionState.Load(entities);
        Interlocked.Add(ref cachedKeys, state.Seen.Count);
        return state;
    }

    // Drops the least recently used idle partitions once the cache holds more keys than allowed;
    // they are re-read from the table on their next commit.
    private void TrimCache()
    {
        if (Interlocked.Read(ref cachedKeys) <= options.MaxCachedKeys)
        {
            return;
        }

        foreach (var (key, entry) in cache.OrderBy(e => e.Value.LastUsed).ToArray())
        {
            if (Interlocked.Read(ref cachedKeys) <= options.MaxCachedKeys / 2)
            {
                break;
            }

            if (entry.Gate.Wait(0))
            {
                try
                {
                    if (entry.State is { } state)
                    {
                        Interlocked.Add(ref cachedKeys, -state.Seen.Count);
                        entry.State = null;
                    }
                }
                finally
                {
                    entry.Gate.Release();
                }
            }
        }
    }

    private sealed class CacheEntry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public PartitionState? State { get; set; }

        public long LastUsed { get; set; }
    }

    private sealed record CommitPlan(
        int Next,
        List<UInt128> NewKeys,
        Dictionary<string, MeterAggregate> Aggregates,
        Dictionary<string, List<UInt128>> Distinct,
        bool Late);

    private readonly record struct PartResult(int Next, int Accepted, bool Late);
}

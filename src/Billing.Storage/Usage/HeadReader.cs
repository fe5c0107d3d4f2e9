using Azure.Data.Tables;
using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// Reads the head rows of a shard's partitions whose state is not cached: one query for all heads
/// of the shard when several are needed (a cold start), point reads otherwise.
/// </summary>
internal sealed class HeadReader(string shard, StoreContext context)
{
    /// <summary>Heads needed at once from which one query of all the shard's heads replaces the point reads.</summary>
    private const int HeadQueryThreshold = 4;

    /// <summary>The heads found, by row key; a partition without a head has no entry.</summary>
    public async Task<Dictionary<string, TableEntity>> ReadAsync(IReadOnlyList<UsagePartition> partitions, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        if (partitions.Count >= HeadQueryThreshold)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {"h|"} and RowKey lt {"h}"}");
            await foreach (var head in context.Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                heads[head.RowKey] = head;
            }

            return heads;
        }

        foreach (var partition in partitions)
        {
            var rowKey = UsageKeys.Head(partition);
            var head = await context.Table.GetEntityIfExistsAsync<TableEntity>(shard, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (head.HasValue && head.Value is { } entity)
            {
                heads[rowKey] = entity;
            }
        }

        return heads;
    }
}

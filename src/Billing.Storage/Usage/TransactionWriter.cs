using Azure;
using Azure.Data.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// Writes a shard writer's planned commits as one entity-group transaction (each partition's head
/// and new chunk row) and brings the cached states in line with its outcome: applied on success,
/// dropped on a conflict or a failure, and a write found after a lost answer still counts.
/// </summary>
internal sealed class TransactionWriter(string shard, StoreContext context, PartitionCache cache)
{
    public async Task WriteAsync(List<PlannedWrite> planned, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(planned.Count * 2);
        foreach (var (partition, plan, partId, _) in planned)
        {
            var state = partition.Cached.State!;
            var head = state.NextHead(shard, partition.Partition, plan);
            actions.Add(state.ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, head));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, state.NextChunkRow(shard, partition.Partition, plan, partId)));
        }

        try
        {
            var responses = await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < planned.Count; i++)
            {
                var (partition, plan, _, _) = planned[i];
                var etag = responses[2 * i].Headers.ETag ?? throw new InvalidOperationException("A table transaction returned no ETag for a head.");
                partition.Cached.State!.Apply(etag, plan);
                cache.Charge(partition.Cached);
                partition.Completed(plan);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another process changed one of these partitions, or an earlier attempt of this very
            // transaction was written although its answer was lost. Forget them all (the next
            // round re-reads them); a chunk at a planned sequence that carries our part id means
            // the latter, and that plan stands.
            foreach (var write in planned)
            {
                cache.Forget(write.Partition.Cached);
            }

            await Parallel.ForEachAsync(
                planned,
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (write, ct) =>
                {
                    var chunk = await context.Table.GetEntityIfExistsAsync<TableEntity>(
                        shard, UsageKeys.Chunk(write.Partition.Partition, write.Sequence), select: ["CommitId"], cancellationToken: ct).ConfigureAwait(false);
                    if (chunk.HasValue && chunk.Value?.GetString("CommitId") == write.PartId)
                    {
                        write.Partition.Completed(write.Plan); // each partition appears once in a transaction
                    }
                }).ConfigureAwait(false);
        }
        catch
        {
            // Failed without an answer: the transaction may or may not have been applied, so the
            // cached state is no longer known to be current. Read it again next time.
            foreach (var write in planned)
            {
                cache.Forget(write.Partition.Cached);
            }

            throw;
        }
    }

    private async Task<IReadOnlyList<Response>> SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        await context.InFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await context.Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false)).Value;
        }
        finally
        {
            context.InFlight.Release();
        }
    }
}

using Azure.Data.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// Writes or deletes many rows of one shard in entity-group transactions (up to 100 rows and about
/// 1 MB each, inside the service's 4 MiB), a few in flight at once, so that rewriting an index
/// never holds more than a few transactions' rows. Each transaction is atomic on its own; the
/// whole is not, which is why a generation is only used once its head names it.
/// </summary>
internal sealed class RowBatches(StoreContext context, Action? afterEach = null)
{
    private const int MaxRows = 100;
    private const long MaxBytes = 1024 * 1024;
    private const int MaxRunning = 4;

    private readonly List<Task> running = [];
    private List<TableTransactionAction> current = [];
    private long currentBytes;

    public int Rows { get; private set; }

    public long Bytes { get; private set; }

    /// <param name="bytes">The row's payload, to keep a transaction within its size.</param>
    public async Task AddAsync(TableTransactionAction action, long bytes, CancellationToken cancellationToken)
    {
        if (current.Count > 0 && currentBytes + bytes > MaxBytes)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        current.Add(action);
        currentBytes += bytes;
        Rows++;
        Bytes += bytes;
        if (current.Count == MaxRows)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is pending and waits for every transaction.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
        running.Clear();
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (current.Count == 0)
        {
            return;
        }

        running.Add(SubmitAsync(current, cancellationToken));
        current = [];
        currentBytes = 0;
        while (running.Count >= MaxRunning)
        {
            var done = await Task.WhenAny(running).ConfigureAwait(false);
            running.Remove(done);
            await done.ConfigureAwait(false);
        }
    }

    private async Task SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        await context.InFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await context.Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            context.InFlight.Release();
        }

        afterEach?.Invoke();
    }
}

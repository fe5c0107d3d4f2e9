using Azure.Storage.Queues;
using Billing.Domain.Invoicing;
using Billing.Domain.Ports;

namespace Billing.Storage.Queues;

/// <summary>
/// The app's work queues. Messages are JSON (<see cref="QueueMessages"/>), base64-encoded as the
/// Functions queue trigger expects by default (<see cref="ClientOptions"/>: give them to the <see cref="QueueServiceClient"/>).
/// </summary>
public sealed class WorkQueues : IThresholdCheckQueue, IInvoiceRunQueue
{
    private readonly QueueClient thresholdChecks;
    private readonly QueueClient invoiceRuns;

    public WorkQueues(QueueServiceClient queues, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(names);
        thresholdChecks = queues.GetQueueClient(names.ThresholdChecksQueue);
        invoiceRuns = queues.GetQueueClient(names.InvoiceRunsQueue);
    }

    public static QueueClientOptions ClientOptions => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await thresholdChecks.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await invoiceRuns.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks for a threshold check of these subscription periods; large sets are split over several messages.</summary>
    public async Task EnqueueThresholdChecksAsync(IEnumerable<ThresholdCheck> checks, CancellationToken cancellationToken)
    {
        // A queue message holds 64 KiB (48 KiB of JSON once base64-encoded); 500 entries fit easily.
        foreach (var batch in checks.Chunk(500))
        {
            await thresholdChecks.SendMessageAsync(QueueMessages.Write(batch), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <param name="delay">How long the message stays invisible; none by default.</param>
    public Task EnqueueInvoiceRunAsync(InvoiceRunRequest request, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        invoiceRuns.SendMessageAsync(QueueMessages.Write(request), delay, timeToLive: null, cancellationToken);
}

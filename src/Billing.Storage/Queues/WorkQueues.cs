using Azure.Storage.Queues;
using Azure;
using Billing.Domain.Invoicing;
using Billing.Domain.Outbound;
using Billing.Domain.Ports;

namespace Billing.Storage.Queues;

/// <summary>
/// The app's work queues. Messages are JSON (<see cref="QueueMessages"/>), base64-encoded as the
/// Functions queue trigger expects by default (<see cref="ClientOptions"/>: give them to the <see cref="QueueServiceClient"/>).
/// </summary>
public sealed class WorkQueues : IThresholdCheckQueue, IInvoiceRunQueue, IWebhookDeliveryQueue
{
    private readonly QueueClient thresholdChecks;
    private readonly QueueClient invoiceRuns;
    private readonly QueueClient webhookDeliveries;

    public WorkQueues(QueueServiceClient queues, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(names);
        thresholdChecks = queues.GetQueueClient(names.ThresholdChecksQueue);
        invoiceRuns = queues.GetQueueClient(names.InvoiceRunsQueue);
        webhookDeliveries = queues.GetQueueClient(names.WebhookDeliveriesQueue);
    }

    public static QueueClientOptions ClientOptions => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await thresholdChecks.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await invoiceRuns.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await webhookDeliveries.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Sends a delivery attempt, invisible for <paramref name="delay"/> in whole seconds (storage's
    /// granularity; a shorter delay is none). Its time to live is the queue's longest, 7 days: the
    /// longest wait between two attempts is far shorter.
    /// </summary>
    public async Task<QueuedMessage> EnqueueAsync(WebhookDeliveryRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wait = delay > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Floor(delay.TotalSeconds)) : TimeSpan.Zero;
        var receipt = (await webhookDeliveries.SendMessageAsync(QueueMessages.Write(request), wait, timeToLive: null, cancellationToken).ConfigureAwait(false)).Value;
        return new QueuedMessage(receipt.MessageId, receipt.PopReceipt);
    }

    public async Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await webhookDeliveries.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Delivered meanwhile (its pop receipt changed) or gone: nothing to take back.
        }
    }
}

using Billing.Domain.Outbound;

namespace Billing.Domain.Ports;

/// <summary>Where delivery attempts wait for the DeliverWebhook function (queue <c>webhook-deliveries</c>).</summary>
public interface IWebhookDeliveryQueue
{
    /// <param name="delay">How long the attempt waits before it is delivered (whole seconds count; less is none).</param>
    /// <returns>The message's receipt, to take it back with <see cref="DeleteAsync"/>.</returns>
    Task<QueuedMessage> EnqueueAsync(WebhookDeliveryRequest request, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Takes back a waiting message; one already gone (delivered, deleted) is left alone.</summary>
    Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken);
}

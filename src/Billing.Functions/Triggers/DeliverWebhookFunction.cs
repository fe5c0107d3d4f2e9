using Billing.Invoicing.Outbound;
using Billing.Storage.Queues;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Triggers;

/// <summary>A webhook-deliveries message: one attempt of delivering an outbound event to an endpoint (retries are messages of their own, queued with their back-off).</summary>
public sealed partial class DeliverWebhookFunction(DeliverWebhookHandler handler, ILogger<DeliverWebhookFunction> logger)
{
    [Function("DeliverWebhook")]
    public async Task RunAsync(
        [QueueTrigger("webhook-deliveries", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        var request = QueueMessage.Read(message, QueueMessages.ReadWebhookDelivery, "webhook-deliveries");
        var outcome = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        LogDelivered(request.EventId, request.EndpointId, request.Attempt, outcome.ToString());
    }

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "DeliverWebhook: {Event} to {Endpoint}, attempt {Attempt}: {Outcome}")]
    private partial void LogDelivered(string @event, string endpoint, int attempt, string outcome);
}

using Billing.Domain.Ports;

namespace Billing.Invoicing.Outbound;

/// <summary>
/// <c>DELETE /api/webhook_endpoints/{id}</c>: the endpoint is sent nothing more. Events published
/// before are still owed to it on paper; their attempts from now on find it gone and end its
/// deliveries as failed.
/// </summary>
public sealed partial class DeleteWebhookEndpointHandler(IWebhookEndpointStore endpoints, ILogger<DeleteWebhookEndpointHandler> logger)
{
    /// <returns>The answer, or null when no endpoint has that id.</returns>
    public async Task<DeletedWebhookEndpoint?> HandleAsync(string endpointId, CancellationToken cancellationToken)
    {
        if (!EndpointCredentials.IsEndpointId(endpointId) || !await endpoints.DeleteAsync(endpointId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        LogDeleted(endpointId);
        return new DeletedWebhookEndpoint(endpointId, Deleted: true);
    }

    [LoggerMessage(EventId = 466, Level = LogLevel.Information, Message = "Webhook endpoint {Endpoint} deleted")]
    private partial void LogDeleted(string endpoint);
}

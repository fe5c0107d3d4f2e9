using Billing.Domain.Outbound;

namespace Billing.Domain.Ports;

/// <summary>The registered webhook endpoints, with their signing secrets.</summary>
public interface IWebhookEndpointStore
{
    Task AddAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken);

    /// <summary>The endpoint, or null when there is none with that id (never was, or deleted).</summary>
    Task<WebhookEndpoint?> GetAsync(string endpointId, CancellationToken cancellationToken);

    /// <summary>Every endpoint, oldest first.</summary>
    Task<IReadOnlyList<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the endpoint; false when there was none with that id.</summary>
    Task<bool> DeleteAsync(string endpointId, CancellationToken cancellationToken);
}

using Billing.Domain.Ports;

namespace Billing.Invoicing.Outbound;

/// <summary><c>GET /api/webhook_endpoints</c>: every registered endpoint, oldest first, without secrets.</summary>
public sealed class ListWebhookEndpointsHandler(IWebhookEndpointStore endpoints)
{
    public async Task<WebhookEndpointList> HandleAsync(CancellationToken cancellationToken) =>
        new([.. (await endpoints.ListAsync(cancellationToken).ConfigureAwait(false)).Select(WebhookEndpointView.From)], HasMore: false);
}

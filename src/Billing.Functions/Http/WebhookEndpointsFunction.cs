using Billing.Functions.Hosting;
using Billing.Invoicing.Outbound;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>GET /api/webhook_endpoints</c> (function key): every registered endpoint, oldest first, without its secret.</summary>
public sealed class WebhookEndpointsFunction(ListWebhookEndpointsHandler handler, HttpEdge edge)
{
    [Function("WebhookEndpoints")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "webhook_endpoints")] HttpRequest request,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(request, async () => TypedResults.Ok(await handler.HandleAsync(cancellationToken).ConfigureAwait(false)), cancellationToken);
}

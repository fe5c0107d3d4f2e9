using Billing.Functions.Hosting;
using Billing.Invoicing.Outbound;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>DELETE /api/webhook_endpoints/{id}</c> (function key): <c>{"id", "deleted": true}</c>, or 404 <c>endpoint_not_found</c>.</summary>
public sealed class WebhookEndpointDeleteFunction(DeleteWebhookEndpointHandler handler, HttpEdge edge)
{
    [Function("WebhookEndpointDelete")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "webhook_endpoints/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(
            request,
            async () => await handler.HandleAsync(id, cancellationToken).ConfigureAwait(false) is { } deleted
                ? TypedResults.Ok(deleted)
                : HttpEdge.Error(StatusCodes.Status404NotFound, "endpoint_not_found", $"No webhook endpoint '{id}'."),
            cancellationToken);
}

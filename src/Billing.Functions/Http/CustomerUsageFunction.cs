using Billing.Functions.Hosting;
using Billing.Invoicing.Usage;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>GET /api/customers/{id}/usage</c> (function key): the customer's current usage, or 404 <c>customer_not_found</c>.</summary>
public sealed class CustomerUsageFunction(CustomerUsageHandler handler, HttpEdge edge)
{
    [Function("CustomerUsage")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{id}/usage")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(
            request,
            async () => await handler.HandleAsync(id, cancellationToken).ConfigureAwait(false) is { } usage
                ? TypedResults.Ok(usage)
                : HttpEdge.Error(StatusCodes.Status404NotFound, "customer_not_found", $"No customer '{id}' in the catalog."),
            cancellationToken);
}

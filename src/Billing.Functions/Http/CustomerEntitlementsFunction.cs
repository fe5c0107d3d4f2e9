using Billing.Functions.Hosting;
using Billing.Invoicing.SpendCaps;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>GET /api/customers/{id}/entitlements</c> (function key): per subscription and meter, whether new work is allowed under the spend cap; 404 <c>customer_not_found</c>.</summary>
public sealed class CustomerEntitlementsFunction(EntitlementsHandler handler, HttpEdge edge)
{
    [Function("CustomerEntitlements")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{id}/entitlements")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(
            request,
            async () => await handler.HandleAsync(id, cancellationToken).ConfigureAwait(false) is { } entitlements
                ? TypedResults.Ok(entitlements)
                : HttpEdge.Error(StatusCodes.Status404NotFound, "customer_not_found", $"No customer '{id}' in the catalog."),
            cancellationToken);
}

using Billing.Functions.Hosting;
using Billing.Invoicing.Alerts;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>DELETE /api/alerts/{id}</c> (function key): <c>{"id", "deleted": true}</c>, or 404 <c>alert_not_found</c>.</summary>
public sealed class AlertDeleteFunction(DeleteAlertHandler handler, HttpEdge edge)
{
    [Function("AlertDelete")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "alerts/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(
            request,
            async () => await handler.HandleAsync(id, cancellationToken).ConfigureAwait(false) is { } deleted
                ? TypedResults.Ok(deleted)
                : HttpEdge.Error(StatusCodes.Status404NotFound, "alert_not_found", $"No alert '{id}'."),
            cancellationToken);
}

using Billing.Functions.Hosting;
using Billing.Invoicing.Outbound;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>GET /api/events/{id}</c> (function key): one outbound event with its deliveries, or 404 <c>event_not_found</c>.</summary>
public sealed class EventFunction(GetEventHandler handler, HttpEdge edge)
{
    [Function("Event")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "events/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(
            request,
            async () => await handler.HandleAsync(id, cancellationToken).ConfigureAwait(false) is { } found
                ? TypedResults.Ok(found)
                : HttpEdge.Error(StatusCodes.Status404NotFound, "event_not_found", $"No event '{id}'."),
            cancellationToken);
}

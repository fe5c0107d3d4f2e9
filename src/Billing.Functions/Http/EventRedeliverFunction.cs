using Billing.Functions.Hosting;
using Billing.Invoicing.Outbound;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>POST /api/events/{id}/redeliver</c> (function key, no body): sends the event again to every
/// endpoint it is owed to that still exists; answers the event as it is now, or 404 <c>event_not_found</c>.
/// </summary>
public sealed class EventRedeliverFunction(RedeliverEventHandler handler, HttpEdge edge)
{
    [Function("EventRedeliver")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "events/{id}/redeliver")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(
            request,
            async () => await handler.HandleAsync(id, cancellationToken).ConfigureAwait(false) is { } redelivered
                ? TypedResults.Ok(redelivered)
                : HttpEdge.Error(StatusCodes.Status404NotFound, "event_not_found", $"No event '{id}'."),
            cancellationToken);
}

using Billing.Functions.Hosting;
using Billing.Invoicing.Outbound;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>GET /api/events[?limit=&amp;starting_after=]</c> (function key): the outbound events, newest
/// first, a page at a time, with their deliveries; 400 <c>invalid_request</c> for a bad query or a
/// <c>starting_after</c> that names no event.
/// </summary>
public sealed class EventsFunction(ListEventsHandler handler, HttpEdge edge)
{
    [Function("Events")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "events")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (list, problem) = EventsQuery.List(request.Query);
        return list is null
            ? Task.FromResult(HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", problem!))
            : edge.GuardAsync(
                request,
                async () => await handler.HandleAsync(list, cancellationToken).ConfigureAwait(false) is { } page
                    ? TypedResults.Ok(page)
                    : HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", $"starting_after names no event: '{list.StartingAfter}' (give the id of the last event of the page before)."),
                cancellationToken);
    }
}

using Billing.Functions.Hosting;
using Billing.Invoicing.Alerts;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>GET /api/alerts[?subscription=]</c> (function key): the rules, oldest first, with the latest
/// period each fired in; 400 <c>invalid_request</c> for <c>subscription</c> given twice, 404
/// <c>subscription_not_found</c> for one not in the catalog.
/// </summary>
public sealed class AlertsFunction(ListAlertsHandler handler, HttpEdge edge)
{
    [Function("Alerts")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "alerts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (QueryParameter.Single(request.Query, "subscription", out var subscription) is { } problem)
        {
            return Task.FromResult(HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", problem));
        }

        return edge.GuardAsync(
            request,
            async () => await handler.HandleAsync(subscription, cancellationToken).ConfigureAwait(false) is { } list
                ? TypedResults.Ok(list)
                : HttpEdge.Error(StatusCodes.Status404NotFound, "subscription_not_found", $"subscription '{subscription}' is not in the catalog."),
            cancellationToken);
    }
}

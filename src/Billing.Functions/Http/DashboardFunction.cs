using System.Globalization;
using Billing.Functions.Hosting;
using Billing.Invoicing.Dashboard;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>GET /api/dashboard[?page=]</c> (function key; in a browser as <c>?code=</c>): the spend
/// dashboard, an HTML page of customers. A <c>page</c> that is not a whole number is 400.
/// </summary>
public sealed class DashboardFunction(DashboardHandler handler, HttpEdge edge)
{
    [Function("Dashboard")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        int? page = null;
        if (request.Query["page"] is { Count: > 0 } given)
        {
            if (given.Count > 1 || !int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return Task.FromResult(HtmlAnswer.Of(request, HtmlPage.Refusal(StatusCodes.Status400BadRequest, "Bad request", "page must be a single whole number, 1 or more.")));
            }

            page = number;
        }

        return edge.GuardAsync(
            request,
            async () => HtmlAnswer.Of(request, await handler.HandleAsync(page, HtmlAnswer.Links(request), cancellationToken).ConfigureAwait(false)),
            cancellationToken);
    }
}

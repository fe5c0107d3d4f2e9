using Billing.Functions.Hosting;
using Billing.Invoicing.Dashboard;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>GET /api/dashboard/customers/{id}</c> (function key; in a browser as <c>?code=</c>): one customer's dashboard page, or a 404 page.</summary>
public sealed class DashboardCustomerFunction(DashboardCustomerHandler handler, HttpEdge edge)
{
    [Function("DashboardCustomer")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard/customers/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(
            request,
            async () => HtmlAnswer.Of(request, await handler.HandleAsync(id, HtmlAnswer.Links(request), cancellationToken).ConfigureAwait(false)),
            cancellationToken);
}

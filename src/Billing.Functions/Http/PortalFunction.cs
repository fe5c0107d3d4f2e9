using Billing.Functions.Hosting;
using Billing.Invoicing.Dashboard;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>GET /api/portal?token=</c> (anonymous: the signed token is the credential): one customer's
/// read-only page, or a 403/404 page with nothing of any customer.
/// </summary>
public sealed class PortalFunction(PortalHandler handler, HttpEdge edge)
{
    [Function("Portal")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = request.Query["token"] is { Count: 1 } one ? one[0] : null;
        return edge.GuardAsync(
            request,
            async () => HtmlAnswer.Of(request, await handler.HandleAsync(token, cancellationToken).ConfigureAwait(false)),
            cancellationToken);
    }
}

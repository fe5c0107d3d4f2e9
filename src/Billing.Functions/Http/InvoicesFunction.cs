using Billing.Functions.Hosting;
using Billing.Invoicing;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>GET /api/invoices[?customer=]</c> (function key): the invoices, all or one customer's.</summary>
public sealed class InvoicesFunction(InvoicesHandler handler, HttpEdge edge)
{
    [Function("Invoices")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "invoices")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var customer = request.Query["customer"].FirstOrDefault();
        return edge.GuardAsync(request, async () => TypedResults.Ok(await handler.HandleAsync(customer, cancellationToken).ConfigureAwait(false)), cancellationToken);
    }
}

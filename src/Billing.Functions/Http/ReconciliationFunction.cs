using Billing.Functions.Hosting;
using Billing.Invoicing;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>GET /api/reconciliation</c> (function key): drift between our ledger and Stripe, and incidents.</summary>
public sealed class ReconciliationFunction(ReconciliationHandler handler, HttpEdge edge)
{
    [Function("Reconciliation")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reconciliation")] HttpRequest request,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(request, async () => TypedResults.Ok(await handler.HandleAsync(cancellationToken).ConfigureAwait(false)), cancellationToken);
}

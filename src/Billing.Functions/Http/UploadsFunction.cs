using Billing.Functions.Hosting;
using Billing.Ingestion.Uploads;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>GET /api/uploads[?prefix=&amp;limit=&amp;starting_after=]</c> (function key): the usage files with their summaries, a page in name order; 400 <c>invalid_request</c> for a bad query.</summary>
public sealed class UploadsFunction(ListUploadsHandler handler, HttpEdge edge)
{
    [Function("Uploads")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "uploads")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (list, problem) = UploadsQuery.List(request.Query);
        return list is null
            ? Task.FromResult(HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", problem!))
            : edge.GuardAsync(request, async () => TypedResults.Ok(await handler.HandleAsync(list, cancellationToken).ConfigureAwait(false)), cancellationToken);
    }
}

using Billing.Functions.Hosting;
using Billing.Ingestion.Uploads;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>GET /api/uploads/rejects?file=[&amp;limit=&amp;starting_after=]</c> (function key): a page of
/// a usage file's rejected rows with its summary; 400 <c>invalid_request</c> for a bad query, 404
/// <c>upload_not_found</c>, 409 <c>upload_processing</c> while its current version has no summary.
/// </summary>
public sealed class UploadRejectsFunction(UploadRejectsHandler handler, HttpEdge edge)
{
    [Function("UploadRejects")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "uploads/rejects")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (rejects, problem) = UploadsQuery.Rejects(request.Query);
        return rejects is null
            ? Task.FromResult(HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", problem!))
            : edge.GuardAsync(request, () => AnswerAsync(rejects, cancellationToken), cancellationToken);
    }

    private async Task<IResult> AnswerAsync(UploadRejectsRequest request, CancellationToken cancellationToken) =>
        await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false) switch
        {
            UploadRejectsOutcome.Found found => TypedResults.Ok(found.Page),
            UploadRejectsOutcome.NotFound missing => HttpEdge.Error(StatusCodes.Status404NotFound, "upload_not_found", missing.Message),
            UploadRejectsOutcome.Processing processing => HttpEdge.Error(StatusCodes.Status409Conflict, "upload_processing", processing.Message),
            var outcome => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
        };
}

using Billing.Functions.Hosting;
using Billing.Ingestion.Requests;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion;
using Billing.Ingestion.Parsing;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>POST /api/meter_events</c> (function key): reads the body within
/// <see cref="IngestionOptions.MaxRequestBytes"/> and parses at most
/// <see cref="IngestionOptions.MaxRequestEvents"/> events (413 past either, 400 when the body is
/// unreadable as a whole: nothing is ingested), then hands the events to the handler.
/// </summary>
public sealed class MeterEventsFunction(MeterEventsHandler handler, IngestionOptions options, HttpEdge edge)
{
    [Function("MeterEvents")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "meter_events")] HttpRequest request,
        CancellationToken cancellationToken) =>
        edge.GuardAsync(request, () => IngestAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> IngestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<RawEvent> events;
        using (var body = await RequestBody.ReadAsync(request, options.MaxRequestBytes, cancellationToken).ConfigureAwait(false))
        {
            if (body is null)
            {
                return HttpEdge.Error(
                    StatusCodes.Status413PayloadTooLarge,
                    "request_too_large",
                    $"The request body is larger than {options.MaxRequestBytes} bytes ({options.MaxRequestBytes / (1024 * 1024)} MB), the most accepted per request. Split it into smaller batches.");
            }

            switch (RequestEvents.Parse(body.Span, options.MaxRequestEvents))
            {
                case ParsedRequest.Events parsed:
                    events = parsed.List;
                    break;
                case ParsedRequest.TooManyEvents tooMany:
                    return HttpEdge.Error(
                        StatusCodes.Status413PayloadTooLarge,
                        "request_too_large",
                        $"The request has more than {tooMany.Limit} events (reading stopped at event {tooMany.Limit + 1}); at most {tooMany.Limit} are accepted per request. Split it into smaller batches.");
                case ParsedRequest.Unreadable unreadable:
                    return HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", unreadable.Problem);
                default:
                    throw new InvalidOperationException("Unmapped parse result.");
            }
        }

        // The parsed events own their text: the body's buffer is back in the pool while they are ingested.
        return TypedResults.Ok(await handler.HandleAsync(events, cancellationToken).ConfigureAwait(false));
    }
}

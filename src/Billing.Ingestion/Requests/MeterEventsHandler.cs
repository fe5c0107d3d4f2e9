using Billing.Domain.Ports;
using Billing.Ingestion.Parsing;

namespace Billing.Ingestion.Requests;

/// <summary>
/// <c>POST /api/meter_events</c>: the events of one request (one event, a JSON array, or NDJSON,
/// at most <see cref="IngestionOptions.MaxRequestEvents"/> events and <see cref="IngestionOptions.MaxRequestBytes"/>
/// bytes, read and parsed at the HTTP edge). Validation is synchronous: the answer says, per
/// event, accepted, duplicate or rejected.
/// </summary>
public sealed class MeterEventsHandler
{
    private readonly UsageIngestor ingestor;
    private readonly IThresholdCheckQueue queues;
    private readonly TimeProvider time;

    public MeterEventsHandler(UsageIngestor ingestor, IThresholdCheckQueue queues, TimeProvider time)
    {
        this.queues = queues;
        this.time = time;
        this.ingestor = ingestor;
    }

    /// <param name="events">The request's events, parsed and limited at the HTTP edge (the MeterEvents function).</param>
    public async Task<MeterEventsResponse> HandleAsync(IReadOnlyList<RawEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var (results, summary) = await ingestor.IngestBatchAsync(events, cancellationToken).ConfigureAwait(false);
        await queues.EnqueueThresholdChecksAsync(ThresholdChecks.For(summary, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new MeterEventsResponse(
            summary.Accepted,
            summary.Duplicates,
            summary.Rejected,
            results.Select(MeterEventResult.From).ToArray());
    }
}

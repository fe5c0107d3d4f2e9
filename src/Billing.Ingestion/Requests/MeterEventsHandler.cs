using System.Buffers;
using Billing.Domain.Ports;
using Billing.Ingestion.Parsing;

namespace Billing.Ingestion.Requests;

/// <summary>
/// <c>POST /api/meter_events</c>: one event, a JSON array, or NDJSON; at most
/// <see cref="IngestionOptions.MaxRequestEvents"/> events and <see cref="IngestionOptions.MaxRequestBytes"/>
/// bytes. Validation is synchronous: the answer says, per event, accepted, duplicate or rejected.
/// </summary>
public sealed class MeterEventsHandler
{
    private readonly UsageIngestor ingestor;
    private readonly IngestionOptions options;
    private readonly IThresholdCheckQueue queues;
    private readonly TimeProvider time;

    public MeterEventsHandler(UsageIngestor ingestor, IngestionOptions options, IThresholdCheckQueue queues, TimeProvider time)
    {
        this.queues = queues;
        this.time = time;
        this.ingestor = ingestor;
        this.options = options;
    }

    public async Task<MeterEventsOutcome> HandleAsync(MeterEventsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DeclaredLength > options.MaxRequestBytes)
        {
            return TooManyBytes();
        }

        var buffer = ArrayPool<byte>.Shared.Rent(checked((int)Math.Min(request.DeclaredLength ?? 64 * 1024, options.MaxRequestBytes) + 1));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > options.MaxRequestBytes)
                    {
                        return TooManyBytes();
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, options.MaxRequestBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > options.MaxRequestBytes)
                {
                    return TooManyBytes();
                }
            }

            IReadOnlyList<RawEvent> events;
            switch (RequestEvents.Parse(buffer.AsSpan(0, length), options.MaxRequestEvents))
            {
                case ParsedRequest.Events parsed:
                    events = parsed.List;
                    break;
                case ParsedRequest.TooManyEvents tooMany:
                    return new MeterEventsOutcome.TooLarge(
                        $"The request has more than {tooMany.Limit} events (reading stopped at event {tooMany.Limit + 1}); at most {tooMany.Limit} are accepted per request. Split it into smaller batches.");
                case ParsedRequest.Unreadable unreadable:
                    return new MeterEventsOutcome.Invalid(unreadable.Problem);
                default:
                    throw new InvalidOperationException("Unmapped parse result.");
            }

            var (results, summary) = await ingestor.IngestBatchAsync(events, cancellationToken).ConfigureAwait(false);
            await queues.EnqueueThresholdChecksAsync(ThresholdChecks.For(summary, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return new MeterEventsOutcome.Processed(new MeterEventsResponse(
                summary.Accepted,
                summary.Duplicates,
                summary.Rejected,
                results.Select(MeterEventResult.From).ToArray()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private MeterEventsOutcome TooManyBytes() => new MeterEventsOutcome.TooLarge(
        $"The request body is larger than {options.MaxRequestBytes} bytes ({options.MaxRequestBytes / (1024 * 1024)} MB), the most accepted per request. Split it into smaller batches.");
}

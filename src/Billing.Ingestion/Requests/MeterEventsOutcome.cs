namespace Billing.Ingestion.Requests;

/// <summary>What the meter-events function answers; the HTTP layer maps it to a status code.</summary>
public abstract record MeterEventsOutcome
{
    private MeterEventsOutcome()
    {
    }

    /// <summary>200: every event has a result.</summary>
    public sealed record Processed(MeterEventsResponse Response) : MeterEventsOutcome;

    /// <summary>413: the request is over the event-count or byte limit; nothing was ingested.</summary>
    public sealed record TooLarge(string Message) : MeterEventsOutcome;

    /// <summary>400: the body is unreadable as a whole; nothing was ingested.</summary>
    public sealed record Invalid(string Message) : MeterEventsOutcome;
}

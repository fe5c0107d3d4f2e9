namespace Billing.Ingestion.Parsing;

/// <summary>What the body of a meter-events request holds (<see cref="RequestEvents.Parse"/>).</summary>
public abstract record ParsedRequest
{
    private ParsedRequest()
    {
    }

    /// <summary>One raw event per object in the request, in request order (indexes from 0).</summary>
    public sealed record Events(IReadOnlyList<RawEvent> List) : ParsedRequest;

    /// <summary>The body as a whole cannot be split into events (a broken array, an empty body).</summary>
    public sealed record Unreadable(string Problem) : ParsedRequest;

    /// <summary>More than <paramref name="Limit"/> events: reading stopped at the first one over the limit.</summary>
    public sealed record TooManyEvents(int Limit) : ParsedRequest;
}

namespace Billing.Invoicing.Outbound;

/// <summary>The query of <c>GET /api/events</c>, read at the HTTP edge.</summary>
/// <param name="StartingAfter">The id of the last event of the page before; null for the newest.</param>
/// <param name="Limit">Events in the page: 1 to <see cref="MaxLimit"/>.</param>
public sealed record ListEventsRequest(string? StartingAfter, int Limit)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
}

using Billing.Domain.Outbound;
using Billing.Domain.Ports;

namespace Billing.Invoicing.Outbound;

/// <summary><c>GET /api/events</c>: the recorded events, newest first, a page at a time, with their deliveries.</summary>
public sealed class ListEventsHandler(IOutboundEventStore events)
{
    /// <returns>The page, or null when <see cref="ListEventsRequest.StartingAfter"/> names no event.</returns>
    public async Task<EventList?> HandleAsync(ListEventsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.StartingAfter is { } after && !OutboundEventIds.IsWellFormed(after))
        {
            return null;
        }

        var page = await events.ListAsync(request.StartingAfter, request.Limit, cancellationToken).ConfigureAwait(false);
        return page is null ? null : new EventList([.. page.Events.Select(EventView.From)], page.HasMore);
    }
}

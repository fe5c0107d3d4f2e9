using Billing.Domain.Outbound;
using Billing.Domain.Ports;

namespace Billing.Invoicing.Outbound;

/// <summary><c>GET /api/events/{id}</c>: one recorded event with its deliveries.</summary>
public sealed class GetEventHandler(IOutboundEventStore events)
{
    /// <returns>The event, or null when there is none with that id.</returns>
    public async Task<EventView?> HandleAsync(string eventId, CancellationToken cancellationToken) =>
        OutboundEventIds.IsWellFormed(eventId) && await events.GetAsync(eventId, cancellationToken).ConfigureAwait(false) is { } recorded
            ? EventView.From(recorded)
            : null;
}

using Billing.Domain.Outbound;

namespace Billing.Domain.Ports;

/// <summary>
/// The durable record of every outbound event and of its deliveries (what <c>GET /api/events</c>
/// shows). An event and its deliveries are written together, once; each delivery is then
/// rewritten on its own, conditional on its version.
/// </summary>
public interface IOutboundEventStore
{
    /// <summary>Records the event with its deliveries, atomically, unless an event with its id is recorded. False: one is.</summary>
    Task<bool> TryAddAsync(OutboundEvent outboundEvent, CancellationToken cancellationToken);

    /// <summary>Whether the event is dispatched (<see cref="OutboundEvent.Dispatched"/>); null when there is no such event. One point read.</summary>
    Task<bool?> IsDispatchedAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>The event with its deliveries, or null.</summary>
    Task<OutboundEvent?> GetAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Marks the event dispatched: its deliveries' first attempts are queued.</summary>
    Task MarkDispatchedAsync(OutboundEvent outboundEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="delivery"/> of <paramref name="owner"/> if it is still at its
    /// <see cref="WebhookDelivery.Version"/>; returns it with its new version, or null when it changed meanwhile.
    /// </summary>
    Task<WebhookDelivery?> TryReplaceDeliveryAsync(OutboundEvent owner, WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="limit"/> events, newest first, starting after the event
    /// <paramref name="startingAfter"/> (from the newest when null); null when that event does not exist.
    /// </summary>
    Task<OutboundEventPage?> ListAsync(string? startingAfter, int limit, CancellationToken cancellationToken);
}

using System.Text.Json;
using Billing.Domain.Outbound;
using Billing.Domain.Ports;

namespace Billing.Invoicing.Outbound;

/// <summary>
/// Publishes outbound events (<see cref="IOutboundEvents"/>): records the event with a delivery
/// per endpoint enabled for its type now (one atomic insert, keyed by the event id that derives
/// from the idempotency key), then sends each delivery's first attempt to the
/// <c>webhook-deliveries</c> queue and marks the event dispatched. A publish interrupted between
/// the insert and the mark leaves the event undispatched, and the next publish of the same key
/// (the activity or handler running again) sends the first attempts again: a delivery is never
/// lost, at worst sent twice, and receivers deduplicate by event id. Times are the wall clock's.
/// </summary>
public sealed partial class OutboundEventPublisher(
    IOutboundEventStore events,
    IWebhookEndpointStore endpoints,
    IWebhookDeliveryQueue queue,
    WallClock wallClock,
    ILogger<OutboundEventPublisher> logger) : IOutboundEvents
{
    public async Task<string> PublishAsync(string type, string key, JsonElement data, CancellationToken cancellationToken)
    {
        if (!OutboundEventTypes.IsKnown(type))
        {
            throw new ArgumentException($"'{type}' is not an outbound event type; they are {string.Join(", ", OutboundEventTypes.All)}.", nameof(type));
        }

        ArgumentException.ThrowIfNullOrEmpty(key);
        var id = OutboundEventIds.For(key);
        // The common repeat (a step that runs again) costs one point read.
        var dispatched = await events.IsDispatchedAsync(id, cancellationToken).ConfigureAwait(false);
        if (dispatched == true)
        {
            return id;
        }

        OutboundEvent? recorded = null;
        if (dispatched is null)
        {
            var now = wallClock.Time.GetUtcNow();
            var owed = (await endpoints.ListAsync(cancellationToken).ConfigureAwait(false)).Where(e => OutboundEventTypes.Enables(e.EnabledEvents, type)).ToList();
            var candidate = new OutboundEvent(
                id, type, key, now, WebhookEnvelope.Body(id, type, now, data), [.. owed.Select(e => WebhookDelivery.Owed(e, now))], Dispatched: owed.Count == 0);
            if (await events.TryAddAsync(candidate, cancellationToken).ConfigureAwait(false))
            {
                LogPublished(id, type, key, owed.Count);
                if (candidate.Dispatched)
                {
                    return id;
                }

                recorded = candidate;
            }
        }

        // Recorded by this call, or found undispatched (an earlier publish stopped before the mark, or is under way).
        recorded ??= await events.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Outbound event {id} ({key}) was recorded, but cannot be read back.");
        if (recorded.Dispatched)
        {
            return id;
        }

        await DispatchAsync(recorded, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>
    /// Sends the first attempt of each of a recorded event's deliveries not yet attempted, then
    /// marks the event dispatched. Run again after an interruption, it sends them again (receivers
    /// drop the copy by event id).
    /// </summary>
    public async Task DispatchAsync(OutboundEvent recorded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        foreach (var delivery in recorded.Deliveries.Where(d => d is { State: DeliveryState.Pending, Attempts: 0 }))
        {
            await queue.EnqueueAsync(new WebhookDeliveryRequest(recorded.Id, delivery.EndpointId, 1), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        await events.MarkDispatchedAsync(recorded, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 460, Level = LogLevel.Information, Message = "Outbound event {Event} ({Type}, key {Key}) recorded for {Endpoints} endpoint(s)")]
    private partial void LogPublished(string @event, string type, string key, int endpoints);
}

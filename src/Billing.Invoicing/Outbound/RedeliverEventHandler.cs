using Billing.Domain.Outbound;
using Billing.Domain.Ports;

namespace Billing.Invoicing.Outbound;

/// <summary>
/// <c>POST /api/events/{id}/redeliver</c>: sends the event again, now, to every endpoint it is owed
/// to that still exists, whatever its delivery's state (delivered, failed or waiting for a retry).
/// Each such delivery starts a new round: pending, its next attempt queued at once, retried with
/// the back-off from the first wait for <see cref="WebhookOptions.RetryFor"/> from now. A retry of
/// the round before that is still queued finds its attempt made and does nothing. Deliveries to
/// deleted endpoints stay as they are.
/// </summary>
public sealed partial class RedeliverEventHandler(
    IOutboundEventStore events,
    IWebhookEndpointStore endpoints,
    IWebhookDeliveryQueue queue,
    WallClock wallClock,
    ILogger<RedeliverEventHandler> logger)
{
    /// <returns>The event as it is now, or null when there is none with that id.</returns>
    public async Task<EventView?> HandleAsync(string eventId, CancellationToken cancellationToken)
    {
        if (!OutboundEventIds.IsWellFormed(eventId) || await events.GetAsync(eventId, cancellationToken).ConfigureAwait(false) is not { } recorded)
        {
            return null;
        }

        var existing = (await endpoints.ListAsync(cancellationToken).ConfigureAwait(false)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var now = wallClock.Time.GetUtcNow();
        var deliveries = new List<WebhookDelivery>();
        var redelivered = 0;
        foreach (var delivery in recorded.Deliveries)
        {
            if (!existing.Contains(delivery.EndpointId))
            {
                deliveries.Add(delivery);
                continue;
            }

            var current = delivery;
            WebhookDelivery? saved;
            while ((saved = await events.TryReplaceDeliveryAsync(recorded, NewRound(current, now), cancellationToken).ConfigureAwait(false)) is null)
            {
                current = (await events.GetAsync(eventId, cancellationToken).ConfigureAwait(false))?.Deliveries.FirstOrDefault(d => d.EndpointId == delivery.EndpointId)
                    ?? throw new InvalidOperationException($"The delivery of {eventId} to {delivery.EndpointId} disappeared.");
            }

            await queue.EnqueueAsync(new WebhookDeliveryRequest(eventId, saved.EndpointId, saved.Attempts + 1), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            deliveries.Add(saved);
            redelivered++;
        }

        LogRedelivered(eventId, recorded.Type, redelivered);
        return EventView.From(recorded with { Deliveries = deliveries });
    }

    private static WebhookDelivery NewRound(WebhookDelivery delivery, DateTimeOffset now) =>
        delivery with { State = DeliveryState.Pending, RoundStart = delivery.Attempts, RoundStartedAt = now, NextAttemptAt = now };

    [LoggerMessage(EventId = 467, Level = LogLevel.Information, Message = "Outbound event {Event} ({Type}) redelivered to {Endpoints} endpoint(s)")]
    private partial void LogRedelivered(string @event, string type, int endpoints);
}

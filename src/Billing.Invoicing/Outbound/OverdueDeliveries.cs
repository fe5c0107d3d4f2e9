using Billing.Domain.Outbound;
using Billing.Domain.Ports;
using Microsoft.Extensions.Options;

namespace Billing.Invoicing.Outbound;

/// <summary>
/// Run by the Reconcile timer: puts back on the queue the deliveries the queue lost. A delivery
/// message that failed on every try (storage unavailable each time) ends in the poison queue, and a
/// publish interrupted before its dispatch whose key is not published again leaves its first
/// attempts unsent: either way the delivery stays pending with nothing queued for it. So an event
/// still undispatched <see cref="Overdue"/> after it was recorded is dispatched, and a pending
/// delivery whose next attempt is overdue by as much is sent its next attempt (a copy of a message
/// that was only late does nothing, or sends a duplicate the receiver drops by event id). Only
/// events recorded within the retry window (<see cref="WebhookOptions.RetryFor"/>) and
/// <see cref="Overdue"/> are read, newest first: older rounds have ended, except those of a
/// redelivery, which the queue alone follows. Times are the wall clock's.
/// </summary>
public sealed partial class OverdueDeliveries(
    IOutboundEventStore events,
    OutboundEventPublisher publisher,
    IWebhookDeliveryQueue queue,
    IOptions<WebhookOptions> options,
    WallClock wallClock,
    ILogger<OverdueDeliveries> logger)
{
    /// <summary>How late an attempt (or a dispatch) must be before it is taken for lost; far above a queue's usual delay.</summary>
    public static readonly TimeSpan Overdue = TimeSpan.FromHours(1);

    private const int PageSize = 100;

    /// <returns>The attempts sent again (first attempts of a dispatch included).</returns>
    public async Task<int> SendAgainAsync(CancellationToken cancellationToken)
    {
        var now = wallClock.Time.GetUtcNow();
        var oldest = now - options.Value.RetryFor - Overdue;
        var sent = 0;
        string? after = null;
        while (await events.ListAsync(after, PageSize, cancellationToken).ConfigureAwait(false) is { Events.Count: > 0 } page)
        {
            foreach (var recorded in page.Events)
            {
                if (recorded.Created < oldest)
                {
                    return Report(sent);
                }

                sent += await SendAgainAsync(recorded, now, cancellationToken).ConfigureAwait(false);
            }

            if (!page.HasMore)
            {
                break;
            }

            after = page.Events[^1].Id;
        }

        return Report(sent);
    }

    private async Task<int> SendAgainAsync(OutboundEvent recorded, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!recorded.Dispatched)
        {
            if (recorded.Created + Overdue > now)
            {
                return 0; // its publish may still be under way
            }

            await publisher.DispatchAsync(recorded, cancellationToken).ConfigureAwait(false);
            var first = recorded.Deliveries.Count(d => d is { State: DeliveryState.Pending, Attempts: 0 });
            LogDispatched(recorded.Id, recorded.Type, first);
            return first;
        }

        var sent = 0;
        foreach (var delivery in recorded.Deliveries)
        {
            if (delivery is { State: DeliveryState.Pending, NextAttemptAt: { } due } && due + Overdue <= now)
            {
                await queue.EnqueueAsync(new WebhookDeliveryRequest(recorded.Id, delivery.EndpointId, delivery.Attempts + 1), TimeSpan.Zero, cancellationToken)
                    .ConfigureAwait(false);
                LogSentAgain(recorded.Id, recorded.Type, delivery.EndpointId, delivery.Attempts + 1, due);
                sent++;
            }
        }

        return sent;
    }

    private int Report(int sent)
    {
        if (sent > 0)
        {
            LogSwept(sent);
        }

        return sent;
    }

    [LoggerMessage(EventId = 468, Level = LogLevel.Warning, Message = "Outbound event {Event} ({Type}) was never dispatched (its publish stopped before): {Attempts} first attempt(s) sent now")]
    private partial void LogDispatched(string @event, string type, int attempts);

    [LoggerMessage(EventId = 469, Level = LogLevel.Warning, Message = "Outbound event {Event} ({Type}) to {Endpoint}: attempt {Attempt}, due at {Due:O}, had nothing queued (its message was lost, e.g. to the poison queue): sent now")]
    private partial void LogSentAgain(string @event, string type, string endpoint, int attempt, DateTimeOffset due);

    [LoggerMessage(EventId = 470, Level = LogLevel.Information, Message = "Reconcile: {Sent} webhook attempt(s) the queue had lost sent again")]
    private partial void LogSwept(int sent);
}

using Billing.Domain.Outbound;
using Billing.Domain.Ports;
using Microsoft.Extensions.Options;

namespace Billing.Invoicing.Outbound;

/// <summary>
/// The DeliverWebhook function: makes one attempt of delivering an event to an endpoint and records it.
/// <para>
/// A message names the attempt it is for; one for an attempt already made (a duplicate, or a
/// retry overtaken by a redelivery) does nothing. Before the POST, the next attempt is queued
/// with its back-off (<see cref="RetrySchedule"/>) unless it would fall after the round's retry
/// window (<see cref="WebhookOptions.RetryFor"/>); after it, the attempt is written to the
/// delivery (conditional on its version), and a success takes the queued retry back. So a crash
/// anywhere leaves either this message (the queue delivers it again) or its successor: nothing is
/// lost, and a repeat costs the receiver a duplicate it drops by event id. Two copies of one
/// attempt that run at once both POST, but only the one that records it first keeps its successor.
/// </para>
/// </summary>
public sealed partial class DeliverWebhookHandler(
    IOutboundEventStore events,
    IWebhookEndpointStore endpoints,
    IWebhookDeliveryQueue queue,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    WallClock wallClock,
    ILogger<DeliverWebhookHandler> logger)
{
    private readonly WebhookOptions settings = options.Value;

    public async Task<DeliveryOutcome> HandleAsync(WebhookDeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recorded = await events.GetAsync(request.EventId, cancellationToken).ConfigureAwait(false);
        if (recorded?.Deliveries.FirstOrDefault(d => d.EndpointId == request.EndpointId) is not { } delivery)
        {
            LogUnknown(request.EventId, request.EndpointId);
            return DeliveryOutcome.Unknown;
        }

        if (delivery.State != DeliveryState.Pending || request.Attempt <= delivery.Attempts)
        {
            return DeliveryOutcome.Stale;
        }

        var number = delivery.Attempts + 1;
        if (await endpoints.GetAsync(request.EndpointId, cancellationToken).ConfigureAwait(false) is not { } endpoint)
        {
            var gone = new DeliveryAttempt(number, wallClock.Time.GetUtcNow(), null, "the endpoint was deleted", TimeSpan.Zero);
            await RecordAsync(recorded, delivery, gone, nextAttemptAt: null, cancellationToken).ConfigureAwait(false);
            LogGivenUp(recorded.Id, recorded.Type, request.EndpointId, number, gone.Error!);
            return DeliveryOutcome.Failed;
        }

        // The successor first: if this process dies from here on, the retry is already waiting.
        var now = wallClock.Time.GetUtcNow();
        var retryAt = now + RetrySchedule.Delay(number - delivery.RoundStart, settings);
        var successor = retryAt <= delivery.RoundStartedAt + settings.RetryFor
            ? await queue.EnqueueAsync(new WebhookDeliveryRequest(recorded.Id, endpoint.Id, number + 1), retryAt - now, cancellationToken).ConfigureAwait(false)
            : null;

        var attempt = await sender.SendAsync(number, endpoint, recorded.Body, cancellationToken).ConfigureAwait(false);
        var first = await RecordAsync(recorded, delivery, attempt, successor is null ? null : retryAt, cancellationToken).ConfigureAwait(false);
        if (successor is not null && (attempt.Succeeded || !first))
        {
            await queue.DeleteAsync(successor, cancellationToken).ConfigureAwait(false);
        }

        var outcome = attempt.Succeeded ? DeliveryOutcome.Delivered : successor is null ? DeliveryOutcome.Failed : DeliveryOutcome.WillRetry;
        var failure = attempt.Error ?? $"HTTP {attempt.StatusCode}";
        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                LogDelivered(recorded.Id, recorded.Type, endpoint.Id, number, attempt.StatusCode ?? 0);
                break;
            case DeliveryOutcome.WillRetry:
                LogRetrying(recorded.Id, recorded.Type, endpoint.Id, number, failure, retryAt);
                break;
            default:
                LogGivenUp(recorded.Id, recorded.Type, endpoint.Id, number, failure);
                break;
        }

        return outcome;
    }

    /// <summary>
    /// Writes the attempt into the delivery, reading it again when it changed meanwhile.
    /// </summary>
    /// <returns>True when this is the first record of the attempt's number (false: a concurrent copy of the message recorded it).</returns>
    private async Task<bool> RecordAsync(OutboundEvent recorded, WebhookDelivery delivery, DeliveryAttempt attempt, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        var current = delivery;
        while (true)
        {
            var first = current.Attempts < attempt.Number;
            var state = current.State == DeliveryState.Succeeded || attempt.Succeeded ? DeliveryState.Succeeded
                : !first ? current.State
                : nextAttemptAt is null ? DeliveryState.Failed
                : DeliveryState.Pending;
            var updated = current.WithAttempt(attempt) with
            {
                State = state,
                NextAttemptAt = state != DeliveryState.Pending ? null : first ? nextAttemptAt : current.NextAttemptAt,
            };
            if (await events.TryReplaceDeliveryAsync(recorded, updated, cancellationToken).ConfigureAwait(false) is not null)
            {
                return first;
            }

            var reread = await events.GetAsync(recorded.Id, cancellationToken).ConfigureAwait(false);
            if (reread?.Deliveries.FirstOrDefault(d => d.EndpointId == delivery.EndpointId) is not { } again)
            {
                return false;
            }

            current = again;
        }
    }

    [LoggerMessage(EventId = 461, Level = LogLevel.Information, Message = "Outbound event {Event} ({Type}) delivered to {Endpoint} at attempt {Attempt}: HTTP {Status}")]
    private partial void LogDelivered(string @event, string type, string endpoint, int attempt, int status);

    [LoggerMessage(EventId = 462, Level = LogLevel.Warning, Message = "Outbound event {Event} ({Type}) to {Endpoint}: attempt {Attempt} failed ({Failure}); next attempt at {RetryAt:O}")]
    private partial void LogRetrying(string @event, string type, string endpoint, int attempt, string failure, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 463, Level = LogLevel.Error, Message = "Outbound event {Event} ({Type}) to {Endpoint}: attempt {Attempt} failed ({Failure}) and none follows; the delivery is failed (POST /api/events/<id>/redeliver sends it again)")]
    private partial void LogGivenUp(string @event, string type, string endpoint, int attempt, string failure);

    [LoggerMessage(EventId = 464, Level = LogLevel.Warning, Message = "webhook-deliveries: no event {Event} with a delivery to {Endpoint}; the message is dropped")]
    private partial void LogUnknown(string @event, string endpoint);
}

namespace Billing.Domain.Ports;

/// <summary>
/// The Stripe events already applied, by event id. An event is recorded after it is applied, so a
/// crash in between applies it again on the next delivery, which is harmless: applying is idempotent.
/// </summary>
public interface IWebhookEventLog
{
    Task<bool> SeenAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Records the event; one recorded meanwhile by a concurrent delivery is left as it is.</summary>
    Task RecordAsync(string eventId, string type, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}

namespace Billing.StripeEmulator.Webhooks;

/// <summary>
/// An event and its deliveries. <see cref="Payload"/> is serialized once, when the event
/// happens, so every delivery, duplicate and replay sends the same bytes (each freshly signed).
/// </summary>
/// <param name="endpointConfigured">Whether a webhook endpoint was configured when the event happened, so that it had a delivery pending.</param>
internal sealed class EventRecord(string id, string type, long created, string invoiceId, string payload, bool endpointConfigured = false)
{
    private readonly List<DeliveryAttempt> attempts = [];
    private volatile bool gaveUp;

    public string Id { get; } = id;

    public string Type { get; } = type;

    public long Created { get; } = created;

    public string InvoiceId { get; } = invoiceId;

    public string Payload { get; } = payload;

    public bool EndpointConfigured { get; } = endpointConfigured;

    /// <summary>Stripe's <c>pending_webhooks</c> now: 1 until the endpoint the event was published for has acknowledged it, then 0.</summary>
    public long PendingWebhooks => EndpointConfigured && !Attempts.Any(a => a.Succeeded) ? 1 : 0;

    /// <summary>The dispatcher ran out of attempts; the event waits for a replay.</summary>
    public bool GaveUp => gaveUp;

    /// <summary>The dispatcher still owes this event a delivery: it had an endpoint, none acknowledged it and the dispatcher has not given up.</summary>
    public bool DeliveryPending => PendingWebhooks == 1 && !gaveUp;

    public IReadOnlyList<DeliveryAttempt> Attempts
    {
        get
        {
            lock (attempts)
            {
                return [.. attempts];
            }
        }
    }

    public void Record(DeliveryAttempt attempt)
    {
        lock (attempts)
        {
            attempts.Add(attempt);
        }
    }

    public void GiveUp() => gaveUp = true;
}

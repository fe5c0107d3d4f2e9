namespace Billing.StripeEmulator.Webhooks;

/// <summary>
/// An event and its deliveries. <see cref="Payload"/> is serialized once, when the event
/// happens, so every delivery, duplicate and replay sends the same bytes (each freshly signed).
/// </summary>
internal sealed class EventRecord(string id, string type, long created, string invoiceId, string payload)
{
    private readonly List<DeliveryAttempt> attempts = [];

    public string Id { get; } = id;

    public string Type { get; } = type;

    public long Created { get; } = created;

    public string InvoiceId { get; } = invoiceId;

    public string Payload { get; } = payload;

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
}

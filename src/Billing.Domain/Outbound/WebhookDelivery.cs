namespace Billing.Domain.Outbound;

/// <summary>
/// The delivery of one event to one endpoint: its state and the attempts made so far. Attempts
/// come in rounds: the first when the event is published, another each time it is redelivered;
/// a round retries with back-off for a while after it starts (<see cref="RoundStartedAt"/>).
/// </summary>
/// <param name="Url">The endpoint's URL when the event was published (what the attempts were sent to).</param>
/// <param name="Attempts">Attempts made, all rounds together.</param>
/// <param name="Log">The latest attempts, oldest first (at most <see cref="MaxLog"/>).</param>
/// <param name="NextAttemptAt">When the next attempt is due while <see cref="DeliveryState.Pending"/>; null otherwise.</param>
/// <param name="RoundStart">Attempts made before the current round began (0 for the first round).</param>
/// <param name="RoundStartedAt">When the current round began: the event's publication, or its latest redelivery.</param>
/// <param name="Version">The store's token for the delivery as read (an ETag); every write is conditional on it.</param>
public sealed record WebhookDelivery(
    string EndpointId,
    string Url,
    DeliveryState State,
    int Attempts,
    IReadOnlyList<DeliveryAttempt> Log,
    DateTimeOffset? NextAttemptAt,
    int RoundStart,
    DateTimeOffset RoundStartedAt,
    string? Version)
{
    /// <summary>Attempts kept in <see cref="Log"/>: a delivery retried for three days makes about 20.</summary>
    public const int MaxLog = 25;

    /// <summary>A delivery owed to an endpoint, before any attempt.</summary>
    public static WebhookDelivery Owed(WebhookEndpoint endpoint, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new(endpoint.Id, endpoint.Url, DeliveryState.Pending, 0, [], publishedAt, 0, publishedAt, null);
    }

    /// <summary>This delivery with <paramref name="attempt"/> added to its log (the oldest dropped past <see cref="MaxLog"/>).</summary>
    public WebhookDelivery WithAttempt(DeliveryAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        IReadOnlyList<DeliveryAttempt> log = [.. Log.Append(attempt).OrderBy(a => a.Number).TakeLast(MaxLog)];
        return this with { Attempts = Math.Max(Attempts, attempt.Number), Log = log };
    }
}

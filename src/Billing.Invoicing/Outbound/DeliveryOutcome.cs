namespace Billing.Invoicing.Outbound;

/// <summary>What one <c>webhook-deliveries</c> message came to.</summary>
public enum DeliveryOutcome
{
    /// <summary>The endpoint answered with a 2xx.</summary>
    Delivered,

    /// <summary>The attempt failed; the next one is queued with its back-off.</summary>
    WillRetry,

    /// <summary>The attempt failed and none follows (the retry window is over, or the endpoint was deleted): the delivery is failed.</summary>
    Failed,

    /// <summary>Nothing to do: the attempt was made already, or the delivery is no longer pending.</summary>
    Stale,

    /// <summary>No such event or delivery: the message is dropped.</summary>
    Unknown,
}

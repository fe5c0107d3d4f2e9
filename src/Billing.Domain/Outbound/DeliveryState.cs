namespace Billing.Domain.Outbound;

/// <summary>Where the delivery of one event to one endpoint stands.</summary>
public enum DeliveryState
{
    /// <summary>Not answered with a 2xx yet; an attempt is due (<see cref="WebhookDelivery.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>The endpoint answered an attempt with a 2xx.</summary>
    Succeeded,

    /// <summary>No 2xx within the retry window (or the endpoint was deleted); no attempt follows unless it is redelivered.</summary>
    Failed,
}

namespace Billing.Domain.Outbound;

/// <summary>A <c>webhook-deliveries</c> message: make attempt <paramref name="Attempt"/> of delivering an event to an endpoint.</summary>
/// <param name="Attempt">The attempt's number (1 for the first); a message for an attempt already made is stale and does nothing.</param>
public sealed record WebhookDeliveryRequest(string EventId, string EndpointId, int Attempt);

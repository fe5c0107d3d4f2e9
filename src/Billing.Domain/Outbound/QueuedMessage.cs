namespace Billing.Domain.Outbound;

/// <summary>A message the app sent, by the queue's receipt, so that it can be taken back while it waits.</summary>
public sealed record QueuedMessage(string MessageId, string PopReceipt);

using System.Collections.Concurrent;
using Billing.Domain.Outbound;
using Billing.Domain.Ports;
using Billing.Testing;

namespace Billing.Functions.Tests.Outbound;

/// <summary>
/// The app's delivery queue (the real one, on Azurite) with its waits taken out: each attempt is
/// sent visible at once, and the time it was meant to wait is kept (<see cref="DueAt"/>), so a
/// test runs a three-day retry schedule on the fake clock in a moment.
/// </summary>
internal sealed class ImmediateDeliveryQueue(IWebhookDeliveryQueue inner, TimeProvider wallClock) : IWebhookDeliveryQueue
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> due = new();
    private readonly ConcurrentQueue<TimeSpan> delays = new();

    /// <summary>Every delay asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => [.. delays];

    /// <summary>When a message was meant to become visible; null when it was not sent through this queue.</summary>
    public DateTimeOffset? DueAt(string messageId) => due.TryGetValue(messageId, out var at) ? at : null;

    /// <summary>Sends that fail (as if the process stopped there) before the next one goes through.</summary>
    public int FailNextSends { get; set; }

    public async Task<QueuedMessage> EnqueueAsync(WebhookDeliveryRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (FailNextSends > 0)
        {
            FailNextSends--;
            throw new SimulatedCrashException($"the send of attempt {request.Attempt} of {request.EventId} to {request.EndpointId}");
        }

        var message = await inner.EnqueueAsync(request, TimeSpan.Zero, cancellationToken);
        due[message.MessageId] = wallClock.GetUtcNow() + delay;
        delays.Enqueue(delay);
        return message;
    }

    public Task DeleteAsync(QueuedMessage message, CancellationToken cancellationToken) => inner.DeleteAsync(message, cancellationToken);
}

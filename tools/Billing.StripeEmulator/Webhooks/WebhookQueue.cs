using System.Threading.Channels;

namespace Billing.StripeEmulator.Webhooks;

/// <summary>
/// Events waiting for their first delivery, in the order they happened; and, after a restart, the
/// deliveries that were pending at stop, held until a webhook endpoint is configured.
/// </summary>
internal sealed class WebhookQueue
{
    private readonly Channel<EventRecord> channel = Channel.CreateUnbounded<EventRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<EventRecord> held = [];

    public ChannelReader<EventRecord> Reader => channel.Reader;

    public void Enqueue(EventRecord record) => channel.Writer.TryWrite(record);

    /// <summary>Keeps <paramref name="record"/> until <see cref="ReleaseHeld"/>.</summary>
    public void Hold(EventRecord record)
    {
        lock (held)
        {
            held.Add(record);
        }
    }

    /// <summary>Queues the held events, in order (an endpoint is now configured).</summary>
    public void ReleaseHeld()
    {
        lock (held)
        {
            foreach (var record in held)
            {
                Enqueue(record);
            }

            held.Clear();
        }
    }

    /// <summary>Drops what has not been taken yet (a reset).</summary>
    public void Clear()
    {
        lock (held)
        {
            held.Clear();
        }

        while (channel.Reader.TryRead(out _))
        {
        }
    }
}

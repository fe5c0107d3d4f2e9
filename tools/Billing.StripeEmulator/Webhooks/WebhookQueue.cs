using System.Threading.Channels;

namespace Billing.StripeEmulator.Webhooks;

/// <summary>Events waiting for their first delivery, in the order they happened.</summary>
internal sealed class WebhookQueue
{
    private readonly Channel<EventRecord> channel = Channel.CreateUnbounded<EventRecord>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<EventRecord> Reader => channel.Reader;

    public void Enqueue(EventRecord record) => channel.Writer.TryWrite(record);

    /// <summary>Drops what has not been taken yet (a reset).</summary>
    public void Clear()
    {
        while (channel.Reader.TryRead(out _))
        {
        }
    }
}

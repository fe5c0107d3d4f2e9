namespace Billing.StripeEmulator.Webhooks;

/// <summary>Every event, in the order it happened, for inspection and replay.</summary>
internal sealed class EventLog
{
    private readonly List<EventRecord> events = [];

    public void Add(EventRecord record)
    {
        lock (events)
        {
            events.Add(record);
        }
    }

    public IReadOnlyList<EventRecord> All()
    {
        lock (events)
        {
            return [.. events];
        }
    }

    public void Clear()
    {
        lock (events)
        {
            events.Clear();
        }
    }
}

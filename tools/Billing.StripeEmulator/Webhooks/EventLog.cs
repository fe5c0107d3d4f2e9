namespace Billing.StripeEmulator.Webhooks;

/// <summary>Every event, in the order it happened, for inspection, replay and <c>GET /v1/events</c>.</summary>
internal sealed class EventLog
{
    private readonly List<EventRecord> events = [];
    private readonly Dictionary<string, EventRecord> byId = new(StringComparer.Ordinal);

    public void Add(EventRecord record)
    {
        lock (events)
        {
            events.Add(record);
            byId.Add(record.Id, record);
        }
    }

    public EventRecord? Find(string id)
    {
        lock (events)
        {
            return byId.GetValueOrDefault(id);
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
            byId.Clear();
        }
    }
}

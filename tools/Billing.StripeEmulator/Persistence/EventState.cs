using System.Text.Json.Serialization;
using Billing.StripeEmulator.Webhooks;

namespace Billing.StripeEmulator.Persistence;

/// <summary>
/// An <see cref="EventRecord"/> in the state file: the exact payload that was (and will be) delivered,
/// whether an endpoint was configured when it happened, its attempts and whether the dispatcher gave up on it.
/// </summary>
internal sealed record EventState(
    string Id,
    string Type,
    long Created,
    string Invoice,
    [property: JsonConverter(typeof(RawJsonConverter))] string Payload,
    bool EndpointConfigured,
    List<AttemptState> Attempts,
    bool GaveUp)
{
    public static EventState From(EventRecord e) =>
        new(e.Id, e.Type, e.Created, e.InvoiceId, e.Payload, e.EndpointConfigured, [.. e.Attempts.Select(AttemptState.From)], e.GaveUp);

    public EventRecord ToRecord()
    {
        var record = new EventRecord(Id, Type, Created, Invoice, Payload, EndpointConfigured);
        foreach (var attempt in Attempts)
        {
            record.Record(attempt.ToAttempt());
        }

        if (GaveUp)
        {
            record.GiveUp();
        }

        return record;
    }
}

using System.Text.Json.Nodes;
using Billing.StripeEmulator.Webhooks;

namespace Billing.StripeEmulator.Control;

/// <summary>An event in <c>GET /_emulator/events</c>: the event itself and its delivery attempts.</summary>
internal sealed record EventView(string Id, string Type, long Created, string Invoice, bool Delivered, IReadOnlyList<DeliveryAttempt> Attempts, JsonNode? Event)
{
    public static EventView From(EventRecord record)
    {
        var attempts = record.Attempts;
        return new EventView(record.Id, record.Type, record.Created, record.InvoiceId, attempts.Any(a => a.Succeeded), attempts, JsonNode.Parse(record.Payload));
    }
}

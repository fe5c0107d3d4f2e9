using System.Text.Json;
using Billing.Domain.Outbound;

namespace Billing.Invoicing.Outbound;

/// <summary>
/// The body of an outbound event, as every attempt sends it (docs/contracts.md §8):
/// <c>{"id": "evt_…", "type": "invoice.paid", "created": &lt;Unix seconds&gt;, "data": {…}}</c>.
/// Written once, when the event is recorded, so every attempt sends the same bytes.
/// </summary>
public static class WebhookEnvelope
{
    /// <exception cref="ArgumentException">The body would be larger than <see cref="OutboundEvent.MaxBodyBytes"/>.</exception>
    public static byte[] Body(string id, string type, DateTimeOffset created, JsonElement data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            writer.WriteNumber("created", created.ToUnixTimeSeconds());
            writer.WritePropertyName("data");
            data.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.Length <= OutboundEvent.MaxBodyBytes
            ? buffer.ToArray()
            : throw new ArgumentException($"Event {id} ({type}) would be {buffer.Length} bytes, more than {OutboundEvent.MaxBodyBytes}.", nameof(data));
    }

    /// <summary>The <c>data</c> of a recorded body.</summary>
    public static JsonElement Data(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("data").Clone();
    }
}

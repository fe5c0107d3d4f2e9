using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Domain.Outbound;

namespace Billing.Invoicing.Outbound;

/// <summary>An outbound event as <c>GET /api/events</c> shows it: what receivers get, and how each delivery went.</summary>
/// <param name="Data">The event's <c>data</c>, as in the body sent.</param>
/// <param name="PendingWebhooks">Deliveries still pending.</param>
public sealed record EventView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("data")] JsonElement Data,
    [property: JsonPropertyName("pending_webhooks")] int PendingWebhooks,
    [property: JsonPropertyName("deliveries")] IReadOnlyList<DeliveryView> Deliveries)
{
    public static EventView From(OutboundEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new(
            recorded.Id,
            recorded.Type,
            recorded.Created.ToUnixTimeSeconds(),
            WebhookEnvelope.Data(recorded.Body),
            recorded.Deliveries.Count(d => d.State == DeliveryState.Pending),
            [.. recorded.Deliveries.OrderBy(d => d.EndpointId, StringComparer.Ordinal).Select(DeliveryView.From)]);
    }
}

/// <summary>The delivery of an event to one endpoint.</summary>
/// <param name="Status"><c>pending</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttemptAt">When the next attempt is due (Unix seconds), while pending; else null.</param>
/// <param name="AttemptLog">The latest attempts (at most 25), oldest first.</param>
public sealed record DeliveryView(
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("next_attempt_at")] long? NextAttemptAt,
    [property: JsonPropertyName("attempt_log")] IReadOnlyList<AttemptView> AttemptLog)
{
    public static DeliveryView From(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new(
            delivery.EndpointId,
            delivery.Url,
            delivery.State.ToWire(),
            delivery.Attempts,
            delivery.NextAttemptAt?.ToUnixTimeSeconds(),
            [.. delivery.Log.Select(a => new AttemptView(a.Number, a.At.ToUnixTimeSeconds(), a.StatusCode, a.Error, (long)a.Duration.TotalMilliseconds))]);
    }
}

/// <summary>One attempt: the endpoint's HTTP status, or why there was none.</summary>
/// <param name="At">When it was sent (Unix seconds): the signature's <c>t</c>.</param>
public sealed record AttemptView(
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("status_code")] int? StatusCode,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("duration_ms")] long DurationMs);

using System.Text.Json.Serialization;
using Billing.Domain.Outbound;

namespace Billing.Invoicing.Outbound;

/// <summary>A webhook endpoint as <c>GET /api/webhook_endpoints</c> lists it: never its secret.</summary>
public sealed record WebhookEndpointView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("enabled_events")] IReadOnlyList<string> EnabledEvents,
    [property: JsonPropertyName("created")] long Created)
{
    public static WebhookEndpointView From(WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new(endpoint.Id, endpoint.Url, endpoint.EnabledEvents, endpoint.Created.ToUnixTimeSeconds());
    }
}

using System.Text.Json.Serialization;
using Billing.Domain.Outbound;

namespace Billing.Invoicing.Outbound;

/// <summary>The answer to <c>POST /api/webhook_endpoints</c>: the endpoint and, this once, its signing secret.</summary>
public sealed record CreatedWebhookEndpoint(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("enabled_events")] IReadOnlyList<string> EnabledEvents,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("secret")] string Secret)
{
    public static CreatedWebhookEndpoint From(WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new(endpoint.Id, endpoint.Url, endpoint.EnabledEvents, endpoint.Created.ToUnixTimeSeconds(), endpoint.Secret);
    }

    /// <summary>The secret stays out of logs.</summary>
    public override string ToString() => $"CreatedWebhookEndpoint {{ Id = {Id}, Url = {Url} }}";
}

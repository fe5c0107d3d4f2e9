using System.Text.Json.Serialization;

namespace Billing.Functions.Http;

/// <summary>The JSON body of <c>POST /api/webhook_endpoints</c>: <c>{"url": "https://…", "enabled_events": ["invoice.paid", …]}</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record WebhookEndpointBody(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("enabled_events")] IReadOnlyList<string?>? EnabledEvents);

using System.Text.Json.Serialization;

namespace Billing.Invoicing.Outbound;

/// <summary><c>GET /api/webhook_endpoints</c>: every endpoint, oldest first (at most 16, so one page: <c>has_more</c> is always false).</summary>
public sealed record WebhookEndpointList(
    [property: JsonPropertyName("data")] IReadOnlyList<WebhookEndpointView> Data,
    [property: JsonPropertyName("has_more")] bool HasMore);

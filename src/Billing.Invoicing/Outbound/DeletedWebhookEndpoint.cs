using System.Text.Json.Serialization;

namespace Billing.Invoicing.Outbound;

/// <summary>The answer to <c>DELETE /api/webhook_endpoints/{id}</c>, Stripe's shape.</summary>
public sealed record DeletedWebhookEndpoint(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("deleted")] bool Deleted);

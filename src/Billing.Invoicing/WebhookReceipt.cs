using System.Text.Json.Serialization;

namespace Billing.Invoicing;

/// <summary>The answer to a webhook delivery: the event id and <c>applied</c>, <c>duplicate</c> or <c>ignored</c>.</summary>
public sealed record WebhookReceipt(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("result")] string Result);

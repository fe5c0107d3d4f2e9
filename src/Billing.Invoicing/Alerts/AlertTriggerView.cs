using System.Text.Json.Serialization;

namespace Billing.Invoicing.Alerts;

/// <summary>A period an alert rule fired in: the value its check read, when (Unix seconds, business clock) and the event published.</summary>
public sealed record AlertTriggerView(
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("value")] decimal Value,
    [property: JsonPropertyName("triggered_at")] long TriggeredAt,
    [property: JsonPropertyName("event")] string Event);

using System.Text.Json.Serialization;

namespace Billing.Invoicing.Alerts;

/// <summary>
/// The <c>data</c> of a <c>billing.alert.triggered</c> event (docs/contracts.md §8, §10): the rule
/// as <c>GET /api/alerts</c> shows it (without <c>last_triggered</c>), where it fired, and the value
/// and <c>gte</c> then. Money is minor units of <c>currency</c>; times are Unix seconds.
/// </summary>
public sealed record AlertTriggeredData(
    [property: JsonPropertyName("alert")] AlertView Alert,
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd,
    [property: JsonPropertyName("value")] decimal Value,
    [property: JsonPropertyName("gte")] decimal Gte,
    [property: JsonPropertyName("triggered_at")] long TriggeredAt);

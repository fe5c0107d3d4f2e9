using System.Text.Json.Serialization;
using Billing.Domain.Alerts;

namespace Billing.Invoicing.Alerts;

/// <summary>
/// An alert rule as the alerts API shows it (docs/contracts.md §10). <c>gte</c> and values are minor
/// units of the subscription's currency for <c>spend</c>, quantities of the meter for <c>usage</c>.
/// </summary>
/// <param name="Created">Unix seconds, business clock.</param>
/// <param name="LastTriggered">The latest period the rule fired in; null when it never fired.</param>
public sealed record AlertView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("meter")] string? Meter,
    [property: JsonPropertyName("gte")] decimal Gte,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("last_triggered")] AlertTriggerView? LastTriggered)
{
    public static AlertView From(AlertRule rule, AlertFiring? lastFiring = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new(
            rule.Id,
            rule.SubscriptionId,
            rule.CustomerId,
            AlertKinds.Name(rule.Kind),
            rule.MeterId,
            rule.Gte,
            rule.Created.ToUnixTimeSeconds(),
            lastFiring is null ? null : new AlertTriggerView(lastFiring.PeriodStart, lastFiring.Value, lastFiring.TriggeredAt.ToUnixTimeSeconds(), lastFiring.EventId));
    }
}

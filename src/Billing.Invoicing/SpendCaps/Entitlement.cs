using System.Text.Json.Serialization;

namespace Billing.Invoicing.SpendCaps;

/// <summary>
/// Whether new work on one meter of a subscription is allowed: false once the current period's
/// <c>amount</c> reached the <c>spend_cap</c>, with <c>reason</c> <c>spend_cap_reached</c> (null
/// while allowed). Amounts are minor units; <c>state</c> is <c>ok</c> | <c>warning</c> | <c>capped</c>.
/// </summary>
public sealed record Entitlement(
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("meter")] string Meter,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("spend_cap")] long? SpendCap,
    [property: JsonPropertyName("state")] string State)
{
    /// <summary>The <c>reason</c> of a refusal: the period's amount reached the cap.</summary>
    public const string SpendCapReached = "spend_cap_reached";
}

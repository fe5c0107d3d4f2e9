using System.Text.Json.Serialization;
using Billing.Domain.SpendCaps;

namespace Billing.Invoicing.SpendCaps;

/// <summary>
/// The answer of <c>PUT /api/subscriptions/{id}/spend_cap</c>: the subscription's current period,
/// its <c>amount</c> (minor units), the <c>spend_cap</c> now in force (minor units; null: none) and
/// the <c>state</c> they make (<c>ok</c> | <c>warning</c> | <c>capped</c>).
/// </summary>
public sealed record SpendCapView(
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("spend_cap")] long? SpendCap,
    [property: JsonPropertyName("state")] string State)
{
    public static SpendCapView From(SpendCapStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(status.SubscriptionId, status.Period.Start.ToUnixTimeSeconds(), status.AmountMinor, status.SpendCap, status.State);
    }
}

using System.Text.Json.Serialization;
using Billing.Domain.SpendCaps;

namespace Billing.Ingestion.Requests;

/// <summary>
/// A subscription period the request's events were committed to, as the commit left it:
/// <c>amount</c> (minor units, the usage API's amount), <c>spend_cap</c> (minor units, null when
/// there is none) and <c>state</c> (<c>ok</c> | <c>warning</c> from 80% | <c>capped</c>), from exactly these two.
/// </summary>
public sealed record MeterEventsSubscription(
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("spend_cap")] long? SpendCap,
    [property: JsonPropertyName("state")] string State)
{
    public static MeterEventsSubscription From(SpendCapStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(status.SubscriptionId, status.Period.Start.ToUnixTimeSeconds(), status.AmountMinor, status.SpendCap, status.State);
    }
}

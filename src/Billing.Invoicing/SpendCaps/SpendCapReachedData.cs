using System.Text.Json.Serialization;

namespace Billing.Invoicing.SpendCaps;

/// <summary>
/// The <c>data</c> of a <c>billing.spend_cap.reached</c> event (docs/contracts.md §8): the
/// subscription period whose amount reached its cap, both in minor units of <c>currency</c>, as
/// the check that noticed it read them (Unix seconds for the period).
/// </summary>
public sealed record SpendCapReachedData(
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("spend_cap")] long SpendCap);

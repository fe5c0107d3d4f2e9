using System.Text.Json.Serialization;
using Billing.Domain;

namespace Billing.Invoicing.Usage;

/// <summary>
/// <c>GET /api/customers/{id}/usage</c>: for each of the customer's subscriptions, the current
/// period's usage per meter (or the period <c>?period_start=</c> names). Amounts are integer minor units of <c>currency</c>; times are Unix
/// seconds; quantities are raw usage (before <c>transform_quantity</c>).
/// </summary>
public sealed record CustomerUsageResponse(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("as_of")] long AsOf,
    [property: JsonPropertyName("subscriptions")] IReadOnlyList<SubscriptionUsage> Subscriptions);

/// <param name="Threshold">Progress of the threshold-eligible unbilled usage towards <c>amount_gte</c>; null for a period other than the current one.</param>
/// <param name="EndedPeriod">
/// The period before the current one while its cycle invoice is not issued yet (events still count
/// for it during the grace window): its usage, which that invoice bills. Null otherwise, and for a
/// period other than the current one.
/// </param>
/// <param name="InvoicedAt">When the period's cycle invoice was issued (Unix seconds); null while it is not.</param>
/// <param name="Forecast">The current period's spend at the recent rate; null for another period, or when it cannot be estimated.</param>
public sealed record SubscriptionUsage(
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd,
    [property: JsonPropertyName("meters")] IReadOnlyList<MeterUsageLine> Meters,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("billed")] long Billed,
    [property: JsonPropertyName("unbilled")] long Unbilled,
    [property: JsonPropertyName("threshold")] ThresholdProgress? Threshold,
    [property: JsonPropertyName("late_events")] long LateEvents,
    [property: JsonPropertyName("ended_period")] EndedPeriodUsage? EndedPeriod,
    [property: JsonPropertyName("invoiced_at")] long? InvoicedAt,
    [property: JsonPropertyName("forecast")] UsageForecast? Forecast);

/// <summary>An ended period awaiting its cycle invoice: the same lines as the current period's, without threshold progress.</summary>
public sealed record EndedPeriodUsage(
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("period_end")] long PeriodEnd,
    [property: JsonPropertyName("meters")] IReadOnlyList<MeterUsageLine> Meters,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("billed")] long Billed,
    [property: JsonPropertyName("unbilled")] long Unbilled);

/// <param name="Amount">The price of the quantity; null when it is beyond the line bound (then <paramref name="Error"/> says so).</param>
/// <param name="Unbilled"><c>amount − billed</c>; null with <paramref name="Amount"/>.</param>
/// <param name="ThresholdEligible">True when this line can be billed early by a threshold invoice.</param>
/// <param name="Error">Only on a line that cannot be priced: <c>amount_out_of_range</c> and why.</param>
/// <param name="Daily">
/// The meter's daily series, with <c>?daily=true</c>; null without it, and when the series is
/// unknown (the period has usage committed before the app kept days).
/// </param>
public sealed record MeterUsageLine(
    [property: JsonPropertyName("meter")] string Meter,
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("quantity")] decimal Quantity,
    [property: JsonPropertyName("amount")] long? Amount,
    [property: JsonPropertyName("billed")] long Billed,
    [property: JsonPropertyName("unbilled")] long? Unbilled,
    [property: JsonPropertyName("threshold_eligible")] bool ThresholdEligible,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorDetail? Error,
    [property: JsonPropertyName("daily")] IReadOnlyList<DailyUsageLine>? Daily = null);

/// <param name="Progress">unbilled_eligible / amount_gte, e.g. 0.42; 1 or more means a threshold invoice is due.</param>
public sealed record ThresholdProgress(
    [property: JsonPropertyName("amount_gte")] long AmountGte,
    [property: JsonPropertyName("unbilled_eligible")] long UnbilledEligible,
    [property: JsonPropertyName("progress")] decimal Progress);

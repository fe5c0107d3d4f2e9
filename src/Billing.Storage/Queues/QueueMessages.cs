using System.Text.Json.Serialization;

namespace Billing.Storage.Queues;

/// <summary>One subscription period to compare with its threshold.</summary>
/// <param name="PeriodStart">Unix seconds.</param>
public sealed record ThresholdCheck(
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("period_start")] long PeriodStart);

/// <summary>The body of a <c>threshold-checks</c> message.</summary>
public sealed record ThresholdCheckMessage([property: JsonPropertyName("checks")] IReadOnlyList<ThresholdCheck> Checks);

/// <summary>
/// The body of an <c>invoice-runs</c> message: invoice this subscription period for this reason
/// (<c>subscription_threshold</c> or <c>subscription_cycle</c>). Requests are idempotent: the
/// invoicing workflow keys its runs on them.
/// </summary>
/// <param name="PeriodStart">Unix seconds.</param>
public sealed record InvoiceRunRequest(
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>Source-generated JSON for queue messages.</summary>
[JsonSerializable(typeof(ThresholdCheckMessage))]
[JsonSerializable(typeof(InvoiceRunRequest))]
public sealed partial class QueueJson : JsonSerializerContext;

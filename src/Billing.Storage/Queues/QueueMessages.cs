using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Domain.Invoicing;
using Billing.Domain.Outbound;

namespace Billing.Storage.Queues;

/// <summary>
/// The JSON of the work queues' messages (docs/contracts.md §3): what <see cref="WorkQueues"/>
/// sends, and what the functions their triggers run read back.
/// </summary>
public static class QueueMessages
{
    /// <summary>The checks of a <c>threshold-checks</c> message, or null when it holds none (<c>null</c>).</summary>
    /// <exception cref="JsonException">The text is not such a message.</exception>
    public static IReadOnlyList<ThresholdCheck>? ReadThresholdChecks(string json) =>
        JsonSerializer.Deserialize(json, QueueJson.Default.ThresholdCheckMessage) is { } message
            ? [.. message.Checks.Select(c => new ThresholdCheck(c.Subscription, c.PeriodStart, c.Events))]
            : null;

    /// <summary>The request of an <c>invoice-runs</c> message, or null when it holds none (<c>null</c>).</summary>
    /// <exception cref="JsonException">The text is not such a message.</exception>
    public static InvoiceRunRequest? ReadInvoiceRun(string json) =>
        JsonSerializer.Deserialize(json, QueueJson.Default.InvoiceRunMessage) is { } message
            ? new InvoiceRunRequest(message.Subscription, message.PeriodStart, message.Reason)
            : null;

    /// <summary>The request of a <c>webhook-deliveries</c> message, or null when it holds none (<c>null</c>).</summary>
    /// <exception cref="JsonException">The text is not such a message.</exception>
    public static WebhookDeliveryRequest? ReadWebhookDelivery(string json) =>
        JsonSerializer.Deserialize(json, QueueJson.Default.WebhookDeliveryMessage) switch
        {
            null => null,
            { Event: { Length: > 0 } eventId, Endpoint: { Length: > 0 } endpoint, Attempt: >= 1 } message => new WebhookDeliveryRequest(eventId, endpoint, message.Attempt),
            _ => throw new JsonException("A webhook-deliveries message needs a non-empty \"event\" and \"endpoint\" and an \"attempt\" of 1 or more."),
        };

    /// <summary>The requests waiting on a run lock (column <c>Waiting</c> of its row: a JSON array of <c>invoice-runs</c> messages).</summary>
    internal static IReadOnlyList<InvoiceRunRequest> ReadWaiting(string? json) =>
        json is null
            ? []
            : [.. (JsonSerializer.Deserialize(json, QueueJson.Default.IReadOnlyListInvoiceRunMessage) ?? []).Select(m => new InvoiceRunRequest(m.Subscription, m.PeriodStart, m.Reason))];

    internal static string WriteWaiting(IEnumerable<InvoiceRunRequest> requests) => JsonSerializer.Serialize(
        [.. requests.Select(r => new InvoiceRunMessage(r.Subscription, r.PeriodStart, r.Reason))],
        QueueJson.Default.IReadOnlyListInvoiceRunMessage);

    internal static string Write(IEnumerable<ThresholdCheck> checks) => JsonSerializer.Serialize(
        new ThresholdCheckMessage([.. checks.Select(c => new ThresholdCheckEntry(c.Subscription, c.PeriodStart, c.Events))]),
        QueueJson.Default.ThresholdCheckMessage);

    internal static string Write(WebhookDeliveryRequest request) => JsonSerializer.Serialize(
        new WebhookDeliveryMessage(request.EventId, request.EndpointId, request.Attempt),
        QueueJson.Default.WebhookDeliveryMessage);

    internal static string Write(InvoiceRunRequest request) => JsonSerializer.Serialize(
        new InvoiceRunMessage(request.Subscription, request.PeriodStart, request.Reason),
        QueueJson.Default.InvoiceRunMessage);
}

/// <summary>One subscription period of a <c>threshold-checks</c> message.</summary>
/// <param name="PeriodStart">Unix seconds.</param>
/// <param name="Events">The period's committed events after the commit (<see cref="ThresholdCheck.Events"/>); absent when unknown.</param>
internal sealed record ThresholdCheckEntry(
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("events"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Events = null);

/// <summary>The body of a <c>threshold-checks</c> message.</summary>
internal sealed record ThresholdCheckMessage([property: JsonPropertyName("checks")] IReadOnlyList<ThresholdCheckEntry> Checks);

/// <summary>The body of an <c>invoice-runs</c> message: invoice this subscription period for this reason.</summary>
/// <param name="PeriodStart">Unix seconds.</param>
/// <param name="Reason"><c>subscription_create</c>, <c>subscription_threshold</c> or <c>subscription_cycle</c>.</param>
internal sealed record InvoiceRunMessage(
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("period_start")] long PeriodStart,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>The body of a <c>webhook-deliveries</c> message: attempt <c>attempt</c> of delivering the event to the endpoint.</summary>
internal sealed record WebhookDeliveryMessage(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("attempt")] int Attempt);

/// <summary>Source-generated JSON for queue messages.</summary>
[JsonSerializable(typeof(ThresholdCheckMessage))]
[JsonSerializable(typeof(InvoiceRunMessage))]
[JsonSerializable(typeof(IReadOnlyList<InvoiceRunMessage>))]
[JsonSerializable(typeof(WebhookDeliveryMessage))]
internal sealed partial class QueueJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Billing.Ingestion.Requests;

/// <summary>
/// The body of a successful <c>POST /api/meter_events</c>: counts, then one result per event in
/// request order, then each subscription period the request touched with its spend-cap state.
/// </summary>
public sealed record MeterEventsResponse(
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("results")] IReadOnlyList<MeterEventResult> Results,
    [property: JsonPropertyName("subscriptions")] IReadOnlyList<MeterEventsSubscription> Subscriptions);

/// <summary>
/// One event's result. <c>status</c> is accepted | duplicate | rejected; a rejected event has the
/// stable <c>reason</c> code and a <c>message</c> naming the failing field; <c>late</c> marks usage
/// accepted into an already invoiced period.
/// </summary>
public sealed record MeterEventResult(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("identifier")] string? Identifier,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    [property: JsonPropertyName("late"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Late)
{
    public static MeterEventResult From(EventResult result) => new(
        result.Index,
        result.Identifier,
        result.Status switch
        {
            EventStatus.Accepted => "accepted",
            EventStatus.Duplicate => "duplicate",
            _ => "rejected",
        },
        result.Rejection?.Code,
        result.Rejection?.Message,
        result.Late);
}

using System.Text.Json.Serialization;

namespace Billing.Invoicing.Outbound;

/// <summary><c>GET /api/events</c>: a page of events, newest first.</summary>
/// <param name="HasMore">Older events follow: ask again with <c>starting_after</c> = the last id.</param>
public sealed record EventList(
    [property: JsonPropertyName("data")] IReadOnlyList<EventView> Data,
    [property: JsonPropertyName("has_more")] bool HasMore);

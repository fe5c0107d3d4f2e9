using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Functions.Http;

/// <summary>The JSON body of <c>POST /api/alerts</c>: <c>{"subscription": "sub_A", "type": "spend" | "usage", "meter": "…", "gte": 5000}</c>.</summary>
/// <param name="Gte">Kept as sent, so that a string or another non-number is refused by name rather than as unreadable JSON.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AlertBody(
    [property: JsonPropertyName("subscription")] string? Subscription,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("meter")] string? Meter,
    [property: JsonPropertyName("gte")] JsonElement? Gte);

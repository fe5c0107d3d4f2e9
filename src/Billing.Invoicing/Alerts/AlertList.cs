using System.Text.Json.Serialization;

namespace Billing.Invoicing.Alerts;

/// <summary><c>GET /api/alerts</c>: the rules, oldest first, in one page (<c>has_more</c> is always false).</summary>
public sealed record AlertList(
    [property: JsonPropertyName("data")] IReadOnlyList<AlertView> Data,
    [property: JsonPropertyName("has_more")] bool HasMore);

using System.Text.Json.Serialization;

namespace Billing.Invoicing.SpendCaps;

/// <summary><c>GET /api/customers/{id}/entitlements</c>: one entitlement per subscription and meter, as of <c>as_of</c> (Unix seconds, business clock).</summary>
public sealed record EntitlementsResponse(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("as_of")] long AsOf,
    [property: JsonPropertyName("data")] IReadOnlyList<Entitlement> Data);

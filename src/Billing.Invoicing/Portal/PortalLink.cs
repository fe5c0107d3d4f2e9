using System.Text.Json.Serialization;

namespace Billing.Invoicing.Portal;

/// <summary><c>POST /api/customers/{id}/portal_links</c>: the link to give the customer's admin.</summary>
/// <param name="Url">The portal page with its signed token; whoever holds it reads this customer's portal until it expires.</param>
/// <param name="ExpiresAt">Unix seconds (wall clock) from which the link is refused.</param>
public sealed record PortalLink(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("expires_at")] long ExpiresAt);

using System.Text.Json.Serialization;

namespace Billing.Functions.Http;

/// <summary>The optional body of <c>POST /api/customers/{id}/portal_links</c> (its schema in the OpenAPI document).</summary>
/// <param name="ExpiresIn">The link's lifetime in seconds: 60 to Portal__MaxLifetime (7 days by default); omitted: Portal__DefaultLifetime (1 hour).</param>
internal sealed record PortalLinkBody([property: JsonPropertyName("expires_in")] long? ExpiresIn);

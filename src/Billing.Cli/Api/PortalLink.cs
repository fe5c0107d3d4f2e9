namespace Billing.Cli.Api;

/// <summary>The answer of <c>POST /api/customers/{id}/portal_links</c> (docs/contracts.md §11).</summary>
internal sealed record PortalLink(string Customer, string Url, long ExpiresAt);

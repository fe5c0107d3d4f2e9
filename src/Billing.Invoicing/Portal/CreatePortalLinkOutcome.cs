namespace Billing.Invoicing.Portal;

/// <summary>What <c>POST /api/customers/{id}/portal_links</c> came to.</summary>
public abstract record CreatePortalLinkOutcome
{
    private CreatePortalLinkOutcome()
    {
    }

    /// <summary>The token to put in the portal URL, and when it stops working.</summary>
    public sealed record Created(string Token, DateTimeOffset ExpiresAt) : CreatePortalLinkOutcome;

    /// <summary>404 <c>customer_not_found</c>.</summary>
    public sealed record CustomerNotFound(string Message) : CreatePortalLinkOutcome;

    /// <summary>400 <c>invalid_request</c>: the lifetime asked for is out of bounds; the message names the field.</summary>
    public sealed record Invalid(string Message) : CreatePortalLinkOutcome;

    /// <summary>503 <c>portal_not_configured</c>: no signing key is set.</summary>
    public sealed record NotConfigured(string Message) : CreatePortalLinkOutcome;
}

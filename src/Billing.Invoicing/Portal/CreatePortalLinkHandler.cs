using Billing.Domain.Catalog;
using Microsoft.Extensions.Options;

namespace Billing.Invoicing.Portal;

/// <summary>
/// <c>POST /api/customers/{id}/portal_links</c>: a signed, expiring token for one customer's
/// portal. Expiry is wall-clock time (<see cref="WallClock"/>): advancing the test clock moves
/// business time, not how long a link someone holds stays valid.
/// </summary>
public sealed class CreatePortalLinkHandler(BillingCatalog catalog, IOptions<PortalOptions> options, WallClock wallClock)
{
    /// <param name="lifetimeSeconds">How long the link lives (<c>expires_in</c>); null for <see cref="PortalOptions.DefaultLifetime"/>.</param>
    public CreatePortalLinkOutcome Handle(string customer, long? lifetimeSeconds)
    {
        var settings = options.Value;
        if (catalog.FindCustomer(customer) is null)
        {
            return new CreatePortalLinkOutcome.CustomerNotFound($"No customer '{customer}' in the catalog.");
        }

        if (!settings.Configured)
        {
            return new CreatePortalLinkOutcome.NotConfigured("The portal has no signing key: set Portal__SigningKey (at least 32 random characters; billing up writes one) and restart the app.");
        }

        var seconds = lifetimeSeconds ?? (long)settings.DefaultLifetime.TotalSeconds;
        var (min, max) = ((long)PortalOptions.MinLinkLifetime.TotalSeconds, (long)settings.MaxLifetime.TotalSeconds);
        if (seconds < min || seconds > max)
        {
            return new CreatePortalLinkOutcome.Invalid($"expires_in must be from {min} to {max} seconds; got {seconds}.");
        }

        // Whole seconds, as the token and the answer carry them.
        var now = wallClock.Time.GetUtcNow();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + seconds);
        return new CreatePortalLinkOutcome.Created(PortalToken.Issue(settings.SigningKey, customer, expiresAt), expiresAt);
    }
}

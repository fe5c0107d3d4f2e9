using Billing.Invoicing.Portal;
using Microsoft.Extensions.Options;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// <c>GET /api/portal?token=</c> (anonymous): the customer's own read-only page, for the customer a
/// valid portal token names; the admin's parts (other customers, outbound events, links) left out.
/// A token that is missing, malformed, tampered with or signed with another key gets 403, an
/// expired one 403 saying so, a customer no longer in the catalog 404: each a page with nothing
/// of any customer. Validity is wall-clock time.
/// </summary>
public sealed partial class PortalHandler(DashboardReader reader, IOptions<PortalOptions> options, WallClock wallClock, ILogger<PortalHandler> logger)
{
    public async Task<HtmlPage> HandleAsync(string? token, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Configured)
        {
            return HtmlPage.Refusal(404, "No portal", "This billing service has no customer portal.");
        }

        switch (PortalToken.Check(settings.SigningKey, token, wallClock.Time.GetUtcNow()))
        {
            case PortalTokenCheck.Valid valid:
                return await reader.ReadCustomerDetailAsync(valid.Customer, admin: false, cancellationToken).ConfigureAwait(false) is { } view
                    ? new HtmlPage(200, CustomerPage.Render(view, links: null))
                    : HtmlPage.Refusal(404, "Not found", "This link names no customer any more.");
            case PortalTokenCheck.Expired expired:
                LogExpired(expired.ExpiredAt);
                return HtmlPage.Refusal(403, "Link expired", "This portal link has expired. Ask your account's admin for a new one.");
            default:
                LogRefused();
                return HtmlPage.Refusal(403, "Link not valid", "This portal link is not valid. Ask your account's admin for a new one.");
        }
    }

    // Never the token itself: it is a credential until it expires.
    [LoggerMessage(EventId = 1280, Level = LogLevel.Information, Message = "Portal link refused: expired at {ExpiredAt}")]
    private partial void LogExpired(DateTimeOffset expiredAt);

    [LoggerMessage(EventId = 1281, Level = LogLevel.Information, Message = "Portal link refused: malformed or its signature does not hold")]
    private partial void LogRefused();
}

using Billing.Domain.Catalog;
using Billing.Domain.Ports;

namespace Billing.Invoicing.Alerts;

/// <summary><c>GET /api/alerts[?subscription=]</c>: the rules, oldest first, each with the latest period it fired in.</summary>
public sealed class ListAlertsHandler(BillingCatalog catalog, IAlertRuleStore rules)
{
    /// <param name="subscription">Only this subscription's rules; every rule when null.</param>
    /// <returns>null when <paramref name="subscription"/> is not in the catalog.</returns>
    public async Task<AlertList?> HandleAsync(string? subscription, CancellationToken cancellationToken)
    {
        if (subscription is not null && catalog.FindSubscription(subscription) is null)
        {
            return null;
        }

        var listed = await rules.ListAsync(subscription, cancellationToken).ConfigureAwait(false);
        return new AlertList([.. listed.Select(r => AlertView.From(r.Rule, r.LastFiring))], HasMore: false);
    }
}

using Billing.Domain.Catalog;
using Billing.Invoicing.Dashboard;

namespace Billing.Invoicing.Alerts;

/// <summary>
/// The dashboard's alert rules (<see cref="IDashboardAlerts"/>): each of the customer's
/// subscriptions' rules as <c>GET /api/alerts?subscription=</c> lists them, marked fired when they
/// fired in the subscription's current period (business clock).
/// </summary>
public sealed class DashboardAlerts(BillingCatalog catalog, ListAlertsHandler alerts, TimeProvider time) : IDashboardAlerts
{
    public async Task<IReadOnlyList<AlertRuleView>> ReadAsync(string customer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rules = new List<AlertRuleView>();
        foreach (var subscription in catalog.Subscriptions.Where(s => s.CustomerId == customer))
        {
            var periodStart = subscription.Schedule.PeriodContaining(now)?.Start.ToUnixTimeSeconds();
            var listed = await alerts.HandleAsync(subscription.Id, cancellationToken).ConfigureAwait(false);
            rules.AddRange((listed?.Data ?? []).Select(a => new AlertRuleView(
                a.Id, a.Subscription, a.Type, a.Meter, a.Gte, FiredThisPeriod: periodStart is not null && a.LastTriggered?.PeriodStart == periodStart)));
        }

        return rules;
    }
}

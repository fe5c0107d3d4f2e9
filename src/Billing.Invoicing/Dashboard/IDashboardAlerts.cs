namespace Billing.Invoicing.Dashboard;

/// <summary>
/// The alert rules on a customer's subscriptions, as the dashboard shows them
/// (<see cref="Alerts.DashboardAlerts"/>: the alerts API's rules).
/// </summary>
public interface IDashboardAlerts
{
    Task<IReadOnlyList<AlertRuleView>> ReadAsync(string customer, CancellationToken cancellationToken);
}

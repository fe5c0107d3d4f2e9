namespace Billing.Invoicing.Dashboard;

/// <summary>
/// Seam to alert rules (#12 item 1, built elsewhere): the rules on a customer's subscriptions.
/// Until it is wired, <see cref="NoDashboardAlerts"/> answers none.
/// </summary>
public interface IDashboardAlerts
{
    Task<IReadOnlyList<AlertRuleView>> ReadAsync(string customer, CancellationToken cancellationToken);
}

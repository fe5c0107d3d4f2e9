namespace Billing.Invoicing.Dashboard;

/// <summary>No alert rules: the stand-in until #12 item 1 is wired in (replace the registration).</summary>
public sealed class NoDashboardAlerts : IDashboardAlerts
{
    public Task<IReadOnlyList<AlertRuleView>> ReadAsync(string customer, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlertRuleView>>([]);
}

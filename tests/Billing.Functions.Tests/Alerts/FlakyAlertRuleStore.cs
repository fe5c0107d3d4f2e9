using Billing.Domain.Alerts;
using Billing.Domain.Ports;
using Billing.Testing;

namespace Billing.Functions.Tests.Alerts;

/// <summary>The app's alert rule store, whose next firing record fails when told to (as if the process stopped there).</summary>
internal sealed class FlakyAlertRuleStore(IAlertRuleStore inner) : IAlertRuleStore
{
    /// <summary>Fails the next <see cref="TryMarkFiredAsync"/>.</summary>
    public bool FailNextMark { get; set; }

    public Task<AlertRule?> TryAddAsync(AlertRule rule, CancellationToken cancellationToken) => inner.TryAddAsync(rule, cancellationToken);

    public Task<IReadOnlyList<AlertRuleWithFiring>> ListAsync(string? subscriptionId, CancellationToken cancellationToken) => inner.ListAsync(subscriptionId, cancellationToken);

    public Task<int> CountAsync(string subscriptionId, CancellationToken cancellationToken) => inner.CountAsync(subscriptionId, cancellationToken);

    public Task<AlertRule?> DeleteAsync(string ruleId, CancellationToken cancellationToken) => inner.DeleteAsync(ruleId, cancellationToken);

    public Task<AlertCheckState> ReadForCheckAsync(string subscriptionId, long periodStart, CancellationToken cancellationToken) =>
        inner.ReadForCheckAsync(subscriptionId, periodStart, cancellationToken);

    public Task<bool> TryMarkFiredAsync(string subscriptionId, AlertFiring firing, CancellationToken cancellationToken)
    {
        if (FailNextMark)
        {
            FailNextMark = false;
            throw new SimulatedCrashException($"recording that {firing.RuleId} fired in {firing.PeriodStart}");
        }

        return inner.TryMarkFiredAsync(subscriptionId, firing, cancellationToken);
    }
}

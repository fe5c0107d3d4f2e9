using Billing.Domain.Alerts;

namespace Billing.Domain.Ports;

/// <summary>Alert rules and their firings, kept per subscription (docs/contracts.md §10).</summary>
public interface IAlertRuleStore
{
    /// <summary>Adds the rule unless the subscription has one with its <see cref="AlertRule.ContentKey"/> (atomic: a conditional write).</summary>
    /// <returns>null when added; otherwise the existing rule, and nothing is written.</returns>
    Task<AlertRule?> TryAddAsync(AlertRule rule, CancellationToken cancellationToken);

    /// <summary>The subscription's rules (every subscription's when null), each with its latest firing; oldest first.</summary>
    Task<IReadOnlyList<AlertRuleWithFiring>> ListAsync(string? subscriptionId, CancellationToken cancellationToken);

    /// <summary>How many rules the subscription has.</summary>
    Task<int> CountAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>Deletes the rule; null when no rule has that id.</summary>
    Task<AlertRule?> DeleteAsync(string ruleId, CancellationToken cancellationToken);

    /// <summary>The subscription's rules and the ids of those that fired in the period starting at <paramref name="periodStart"/>: one point read.</summary>
    Task<AlertCheckState> ReadForCheckAsync(string subscriptionId, long periodStart, CancellationToken cancellationToken);

    /// <summary>Records that a rule fired in a period, unless that (or a later period's firing) is recorded already, or the rule is gone (a conditional write).</summary>
    /// <returns>false when it was recorded already, or the rule was deleted.</returns>
    Task<bool> TryMarkFiredAsync(string subscriptionId, AlertFiring firing, CancellationToken cancellationToken);
}

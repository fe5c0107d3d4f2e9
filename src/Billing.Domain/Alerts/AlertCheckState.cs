namespace Billing.Domain.Alerts;

/// <summary>A subscription's rules and which of them already fired in one period: what a check reads, in one point read.</summary>
public sealed record AlertCheckState(IReadOnlyList<AlertRule> Rules, IReadOnlySet<string> FiredRuleIds);

namespace Billing.Domain.Alerts;

/// <summary>A rule and the latest period it fired in (null: never).</summary>
public sealed record AlertRuleWithFiring(AlertRule Rule, AlertFiring? LastFiring);

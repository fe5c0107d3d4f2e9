namespace Billing.Domain.Alerts;

/// <summary>That a rule fired in a period: at most one per rule and period (docs/contracts.md §10).</summary>
/// <param name="PeriodStart">The period's start, Unix seconds.</param>
/// <param name="Value">The rule's value when the check that fired it read it.</param>
/// <param name="EventId">The <c>billing.alert.triggered</c> event published for it.</param>
/// <param name="TriggeredAt">The business clock's time of the check.</param>
public sealed record AlertFiring(string RuleId, long PeriodStart, decimal Value, string EventId, DateTimeOffset TriggeredAt);

namespace Billing.Invoicing.Dashboard;

/// <summary>An alert rule on one of the customer's subscriptions (#12 item 1), as the dashboard shows it.</summary>
/// <param name="Type"><c>spend</c> (the period's amount, minor units) or <c>usage</c> (<paramref name="Meter"/>'s quantity).</param>
/// <param name="Gte">The value at or over which it fires.</param>
/// <param name="FiredThisPeriod">Whether it fired in the subscription's current period.</param>
public sealed record AlertRuleView(string Id, string Subscription, string Type, string? Meter, decimal Gte, bool FiredThisPeriod);

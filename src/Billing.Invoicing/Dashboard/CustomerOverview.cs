namespace Billing.Invoicing.Dashboard;

/// <summary>A customer and each of its subscriptions' current period.</summary>
public sealed record CustomerOverview(string Id, string? Name, IReadOnlyList<SubscriptionPanel> Subscriptions);

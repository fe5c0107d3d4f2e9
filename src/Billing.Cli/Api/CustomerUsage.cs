namespace Billing.Cli.Api;

/// <summary><c>GET /api/customers/{id}/usage</c> (docs/contracts.md §2). Amounts in minor units; times in Unix seconds.</summary>
internal sealed record CustomerUsage(string Customer, long AsOf, IReadOnlyList<SubscriptionUsage> Subscriptions);

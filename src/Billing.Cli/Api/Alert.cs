namespace Billing.Cli.Api;

/// <summary>An alert rule as <c>GET /api/alerts</c> lists it (docs/contracts.md §10).</summary>
internal sealed record Alert(
    string Id,
    string Subscription,
    string Customer,
    string Type,
    string? Meter,
    decimal Gte,
    long Created,
    AlertTrigger? LastTriggered);

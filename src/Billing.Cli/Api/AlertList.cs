namespace Billing.Cli.Api;

/// <summary><c>GET /api/alerts</c>.</summary>
internal sealed record AlertList(IReadOnlyList<Alert> Data, bool HasMore);

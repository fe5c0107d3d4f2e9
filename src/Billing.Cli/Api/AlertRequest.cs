namespace Billing.Cli.Api;

/// <summary>The body of <c>POST /api/alerts</c>; <see cref="Meter"/> is left out when null (spend).</summary>
internal sealed record AlertRequest(string Subscription, string Type, string? Meter, decimal Gte);

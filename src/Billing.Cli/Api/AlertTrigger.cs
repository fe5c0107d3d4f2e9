namespace Billing.Cli.Api;

/// <summary>The latest period an alert rule fired in.</summary>
internal sealed record AlertTrigger(long PeriodStart, decimal Value, long TriggeredAt, string Event);

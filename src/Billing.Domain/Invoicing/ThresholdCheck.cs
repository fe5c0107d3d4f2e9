namespace Billing.Domain.Invoicing;

/// <summary>One subscription period whose usage changed, to compare with its threshold.</summary>
/// <param name="PeriodStart">Unix seconds.</param>
public sealed record ThresholdCheck(string Subscription, long PeriodStart);

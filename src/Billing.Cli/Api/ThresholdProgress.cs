namespace Billing.Cli.Api;

/// <summary><see cref="Progress"/> is unbilled_eligible / amount_gte; 1 or more means a threshold invoice is due.</summary>
internal sealed record ThresholdProgress(long AmountGte, long UnbilledEligible, decimal Progress);

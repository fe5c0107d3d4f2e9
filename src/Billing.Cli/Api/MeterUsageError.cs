namespace Billing.Cli.Api;

/// <summary>Why a meter's amount is missing: <c>amount_out_of_range</c> and a message (docs/contracts.md §2).</summary>
internal sealed record MeterUsageError(string Code, string Message);

namespace Billing.Cli.Api;

/// <summary>One UTC day of a meter (docs/contracts.md §2, "Daily series"): <see cref="Amount"/> is the day's increase of the cumulative amount, in minor units.</summary>
internal sealed record DailyUsage(string Date, long Events, decimal? Quantity, long? Amount);

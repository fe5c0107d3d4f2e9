namespace Billing.Cli.Api;

/// <summary>An ended period awaiting its cycle invoice: <c>[PeriodStart, PeriodEnd)</c>, amounts in minor units.</summary>
internal sealed record EndedPeriodUsage(long PeriodStart, long PeriodEnd, IReadOnlyList<MeterUsage> Meters, long Amount, long Billed, long Unbilled);

namespace Billing.Cli.Api;

/// <summary>One subscription's current period: <c>[PeriodStart, PeriodEnd)</c>, amounts in minor units of <see cref="Currency"/>.</summary>
/// <param name="EndedPeriod">The previous period while its cycle invoice is not issued yet, or null.</param>
internal sealed record SubscriptionUsage(
    string Subscription,
    string Currency,
    long PeriodStart,
    long PeriodEnd,
    IReadOnlyList<MeterUsage> Meters,
    long Amount,
    long Billed,
    long Unbilled,
    ThresholdProgress Threshold,
    long LateEvents,
    EndedPeriodUsage? EndedPeriod = null);

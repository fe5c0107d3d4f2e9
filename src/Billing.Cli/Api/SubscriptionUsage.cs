namespace Billing.Cli.Api;

/// <summary>One subscription's current period: <c>[PeriodStart, PeriodEnd)</c>, amounts in minor units of <see cref="Currency"/>.</summary>
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
    long LateEvents);

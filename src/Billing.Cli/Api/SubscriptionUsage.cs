namespace Billing.Cli.Api;

/// <summary>One subscription's period (the current one, or the one asked for): <c>[PeriodStart, PeriodEnd)</c>, amounts in minor units of <see cref="Currency"/>.</summary>
/// <param name="Threshold">Null for a period other than the current one.</param>
/// <param name="EndedPeriod">The previous period while its cycle invoice is not issued yet, or null.</param>
/// <param name="InvoicedAt">When the period's cycle invoice was issued, or null.</param>
/// <param name="Forecast">The current period's forecast, or null.</param>
internal sealed record SubscriptionUsage(
    string Subscription,
    string Currency,
    long PeriodStart,
    long PeriodEnd,
    IReadOnlyList<MeterUsage> Meters,
    long Amount,
    long Billed,
    long Unbilled,
    ThresholdProgress? Threshold,
    long LateEvents,
    EndedPeriodUsage? EndedPeriod = null,
    long? InvoicedAt = null,
    UsageForecast? Forecast = null);

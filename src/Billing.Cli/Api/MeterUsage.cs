namespace Billing.Cli.Api;

/// <summary>
/// One meter of a subscription: raw quantity (before transform_quantity), amounts in minor units.
/// <see cref="Amount"/> and <see cref="Unbilled"/> are null when the quantity prices beyond the
/// line bound; <see cref="Error"/> then says why. <see cref="Daily"/> is the daily series when
/// asked for (<c>daily=true</c>) and known.
/// </summary>
internal sealed record MeterUsage(
    string Meter,
    string Price,
    long Events,
    decimal Quantity,
    long? Amount,
    long Billed,
    long? Unbilled,
    bool ThresholdEligible,
    MeterUsageError? Error = null,
    IReadOnlyList<DailyUsage>? Daily = null);

namespace Billing.Cli.Api;

/// <summary>One meter of a subscription: raw quantity (before transform_quantity), amounts in minor units.</summary>
internal sealed record MeterUsage(
    string Meter,
    string Price,
    long Events,
    decimal Quantity,
    long Amount,
    long Billed,
    long Unbilled,
    bool ThresholdEligible);

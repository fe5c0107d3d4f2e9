using Billing.Domain.Invoicing;

namespace Billing.Invoicing;

/// <summary>App settings under <c>Billing</c> (environment: <c>Billing__CatalogPath</c>, …).</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";
    public const string DefaultCatalogPath = "samples/catalog.json";
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromHours(1);
    public const int DefaultMaxCatchUpPeriods = 3;

    /// <summary>Path of the catalog JSON (meters, prices, customers, subscriptions), relative to the working directory.</summary>
    public string CatalogPath { get; set; } = DefaultCatalogPath;

    /// <summary>
    /// How long after a period ends its late-arriving events still count for it before the cycle
    /// invoice is issued. Default 1 hour; positive and shorter than a day, the shortest period.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = DefaultGracePeriod;

    /// <summary>
    /// Whether the business clock is a test clock that only <c>POST /api/test_helpers/clock/advance</c>
    /// moves (docs/contracts.md, "Test clock"). Default false; never on in Azure.
    /// </summary>
    public bool TestClock { get; set; }

    /// <summary>
    /// Most ended periods of one subscription that a scheduled ClosePeriods run hands to invoicing
    /// at once. A subscription with more due (an anchor far in the past, or an outage longer than
    /// this many periods) is held: nothing is sent for it, not even its <c>subscription_create</c>
    /// request, and a warning says what to change, so that a catalog anchored long ago does not
    /// bill a year in a minute. Default 3; at least 1. Runs of the test clock's advance are not
    /// limited by it (<see cref="Workflows.TimerRun.IsClockAdvance"/>).
    /// </summary>
    public int MaxCatchUpPeriods { get; set; } = DefaultMaxCatchUpPeriods;

    /// <summary>
    /// The threshold of unbilled eligible usage, in minor units, of a subscription whose catalog
    /// entry has no <c>billing_thresholds.amount_gte</c>. Default 10,000 (USD 100.00); positive.
    /// </summary>
    public long DefaultThresholdAmountGte { get; set; } = ThresholdPolicy.DefaultAmountGte;

    public void Validate()
    {
        if (DefaultThresholdAmountGte <= 0)
        {
            throw new InvalidOperationException($"Billing:DefaultThresholdAmountGte must be a positive number of minor units (10000 = USD 100.00); got {DefaultThresholdAmountGte}.");
        }

        if (GracePeriod <= TimeSpan.Zero || GracePeriod >= TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"Billing:GracePeriod must be positive and shorter than a day (the shortest billing period); got {GracePeriod}.");
        }

        if (MaxCatchUpPeriods < 1)
        {
            throw new InvalidOperationException($"Billing:MaxCatchUpPeriods must be at least 1 (periods of one subscription a scheduled ClosePeriods run invoices at once); got {MaxCatchUpPeriods}.");
        }
    }
}

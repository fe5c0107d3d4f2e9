namespace Billing.Functions.Hosting;

/// <summary>App settings under <c>Billing</c> (environment: <c>Billing__CatalogPath</c>, …).</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";
    public const string DefaultCatalogPath = "samples/catalog.json";
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromHours(1);

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

    public void Validate()
    {
        if (GracePeriod <= TimeSpan.Zero || GracePeriod >= TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"Billing:GracePeriod must be positive and shorter than a day (the shortest billing period); got {GracePeriod}.");
        }
    }
}

namespace Billing.Functions.Hosting;

/// <summary>App settings under <c>Billing</c> (environment: <c>Billing__CatalogPath</c>, …).</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";
    public const string DefaultCatalogPath = "samples/catalog.json";

    /// <summary>Path of the catalog JSON (meters, prices, customers, subscriptions), relative to the working directory.</summary>
    public string CatalogPath { get; set; } = DefaultCatalogPath;
}

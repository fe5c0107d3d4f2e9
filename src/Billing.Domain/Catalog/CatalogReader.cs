using System.Text.Json;

namespace Billing.Domain.Catalog;

/// <summary>
/// Reads a parsed catalog document section by section — meters, prices, customers, then
/// subscriptions, since each may refer to the ones before — and builds the catalog only when no
/// problem was found anywhere.
/// </summary>
internal static class CatalogReader
{
    private static readonly string[] Fields = ["meters", "prices", "customers", "subscriptions"];

    /// <exception cref="CatalogException">The document has at least one problem; all are listed.</exception>
    public static BillingCatalog Read(JsonElement document, long defaultThresholdAmountGte)
    {
        var log = new ErrorLog();
        var root = ObjectReader.Open(document, JsonPath.Root, log, Fields);
        if (root is null)
        {
            throw new CatalogException(log.Errors);
        }

        var meters = MeterReader.ReadAll(root);
        var meterIds = IsReadable(root, "meters") ? DraftIndex.ById(meters, m => m.Id).Keys.ToHashSet(StringComparer.Ordinal) : null;
        var prices = PriceReader.ReadAll(root, meterIds);
        var customers = CustomerReader.ReadAll(root);
        var customerIds = IsReadable(root, "customers") ? DraftIndex.ById(customers, c => c.Id).Keys.ToHashSet(StringComparer.Ordinal) : null;
        var pricesById = IsReadable(root, "prices") ? DraftIndex.ById(prices, p => p.Id) : null;
        var subscriptions = SubscriptionReader.ReadAll(root, customerIds, pricesById, defaultThresholdAmountGte);
        log.ThrowIfAny();
        return CatalogBuilder.Build(new CatalogDraft(meters, prices, customers, subscriptions));
    }

    // A section that is not an array was reported once; references into it cannot be checked, and
    // reporting each of them as unknown would bury that one real problem.
    private static bool IsReadable(ObjectReader root, string section) =>
        root.KindOf(section) is null or JsonValueKind.Array;
}

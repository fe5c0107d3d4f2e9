namespace Billing.Domain.Catalog;

/// <summary>Every section of a catalog as read, before any domain object is built.</summary>
internal sealed record CatalogDraft(
    IReadOnlyList<MeterDraft> Meters,
    IReadOnlyList<PriceDraft> Prices,
    IReadOnlyList<CustomerDraft> Customers,
    IReadOnlyList<SubscriptionDraft> Subscriptions);

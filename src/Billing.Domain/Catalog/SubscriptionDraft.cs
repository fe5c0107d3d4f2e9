namespace Billing.Domain.Catalog;

/// <summary>A subscription as read; a null field was missing or invalid. The threshold and the spend cap are in minor units.</summary>
internal sealed record SubscriptionDraft(
    string? Id,
    string? CustomerId,
    DateTimeOffset? BillingCycleAnchor,
    IReadOnlyList<ItemDraft> Items,
    long ThresholdAmountGte,
    long? SpendCapAmount = null);

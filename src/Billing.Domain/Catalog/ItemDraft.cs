namespace Billing.Domain.Catalog;

/// <summary>
/// A subscription item as read: its price id, the meter of a metered price (null for licensed
/// ones) and, for licensed prices, its seats. <see cref="PricePath"/> names the item's price field.
/// </summary>
internal sealed record ItemDraft(string PricePath, string? PriceId, string? MeterId, long Quantity);

namespace Billing.Domain.Catalog;

/// <summary>What <see cref="CatalogAnchors.StartNoEarlierThan"/> made.</summary>
/// <param name="Json">The catalog text with the anchors moved; otherwise as given.</param>
/// <param name="Moved">The ids of the subscriptions whose anchor moved, in catalog order.</param>
public sealed record ReanchoredCatalog(string Json, IReadOnlyList<string> Moved);

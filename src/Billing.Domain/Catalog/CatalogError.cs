namespace Billing.Domain.Catalog;

/// <summary>One problem of a catalog document.</summary>
/// <param name="Path">JSON path of the offending value, e.g. <c>$.prices[2].tiers[1].up_to</c>; <c>$</c> for the whole document.</param>
/// <param name="Message">What is wrong, in lower case, without a trailing period.</param>
public sealed record CatalogError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

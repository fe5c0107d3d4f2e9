namespace Billing.StripeEmulator.Resources;

/// <summary>Stripe's list object: <c>{"object": "list", "data": [...], "has_more": ..., "url": ...}</c>.</summary>
internal sealed record ListResource<T>(IReadOnlyList<T> Data, bool HasMore, string Url, long? TotalCount = null)
{
    public string Object => "list";
}

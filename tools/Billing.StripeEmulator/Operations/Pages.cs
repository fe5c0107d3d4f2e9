using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Resources;

namespace Billing.StripeEmulator.Operations;

/// <summary>Stripe's cursor pagination: <c>limit</c> (1–100, default 10), <c>starting_after</c>, <c>ending_before</c>.</summary>
internal static class Pages
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    /// <param name="ordered">Every matching object, in the list's order (newest first for top-level lists).</param>
    public static ListResource<TResource> Page<TItem, TResource>(
        IReadOnlyList<TItem> ordered,
        Func<TItem, string> id,
        Func<TItem, TResource> resource,
        FormParameters parameters,
        string url,
        string objectName)
    {
        var limit = parameters.Long("limit") ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw ApiRequestException.Invalid($"Invalid limit: must be between 1 and {MaxLimit}.", "limit");
        }

        var after = parameters.String("starting_after");
        var before = parameters.String("ending_before");
        if (after is not null && before is not null)
        {
            throw ApiRequestException.Invalid("You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
        }

        IEnumerable<TItem> window = ordered;
        bool hasMore;
        List<TItem> page;
        if (before is not null)
        {
            var index = IndexOf(ordered, id, before, objectName, "ending_before");
            var preceding = ordered.Take(index).ToList();
            page = preceding.Skip(Math.Max(0, preceding.Count - (int)limit)).ToList();
            hasMore = preceding.Count > page.Count;
        }
        else
        {
            if (after is not null)
            {
                window = ordered.Skip(IndexOf(ordered, id, after, objectName, "starting_after") + 1);
            }

            var taken = window.Take((int)limit + 1).ToList();
            hasMore = taken.Count > limit;
            page = taken.Take((int)limit).ToList();
        }

        return new ListResource<TResource>([.. page.Select(resource)], hasMore, url);
    }

    private static int IndexOf<TItem>(IReadOnlyList<TItem> ordered, Func<TItem, string> id, string cursor, string objectName, string param)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            if (id(ordered[i]) == cursor)
            {
                return i;
            }
        }

        throw ApiRequestException.Missing(objectName, cursor, param);
    }
}

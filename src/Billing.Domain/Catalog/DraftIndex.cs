namespace Billing.Domain.Catalog;

/// <summary>Looks drafts up by id for cross-references; on a repeated id (already reported) the first wins.</summary>
internal static class DraftIndex
{
    public static Dictionary<string, T> ById<T>(IEnumerable<T> drafts, Func<T, string?> id)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            if (id(draft) is { } key)
            {
                index.TryAdd(key, draft);
            }
        }

        return index;
    }
}

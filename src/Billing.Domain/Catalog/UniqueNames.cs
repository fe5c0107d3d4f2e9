namespace Billing.Domain.Catalog;

/// <summary>
/// Detects a repeated id (or event name) within one section of the catalog: the first
/// occurrence wins and every later one is reported with the path of the first.
/// </summary>
internal sealed class UniqueNames(string what, ErrorLog log)
{
    private readonly Dictionary<string, string> firstPaths = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="name"/> is new; false (and an error) when it repeats, or when it is null.</summary>
    public bool Claim(string? name, string path)
    {
        if (name is null)
        {
            return false;
        }

        if (firstPaths.TryGetValue(name, out var first))
        {
            log.Add(path, $"duplicate {what} '{name}' (first at {first})");
            return false;
        }

        firstPaths.Add(name, path);
        return true;
    }
}

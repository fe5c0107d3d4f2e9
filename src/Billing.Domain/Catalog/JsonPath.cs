namespace Billing.Domain.Catalog;

/// <summary>
/// Builds the JSON paths that name a value in error messages: <c>$.prices[2].tiers[1].up_to</c>.
/// A field name that is not a plain identifier is written in brackets, <c>$['odd name']</c>, so
/// the path still names exactly one value.
/// </summary>
internal static class JsonPath
{
    public const string Root = "$";

    public static string Field(string parent, string name) =>
        IsIdentifier(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}

using Microsoft.Extensions.Primitives;

namespace Billing.Functions.Http;

/// <summary>
/// One query parameter read at the HTTP edge the way every list API reads it: given empty, it
/// counts as not given; given twice, it is refused with a message naming it.
/// </summary>
internal static class QueryParameter
{
    /// <returns>Why the parameter is unusable, or null with its value (null when absent).</returns>
    public static string? Single(IQueryCollection query, string name, out string? value)
    {
        value = null;
        var values = query.TryGetValue(name, out var given) ? given : StringValues.Empty;
        if (values.Count > 1)
        {
            return $"{name} is given {values.Count} times; give it once.";
        }

        value = values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
        return null;
    }
}

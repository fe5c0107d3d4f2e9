using System.Globalization;

namespace Billing.Domain.Usage;

/// <summary>
/// unique_count compares values by a 128-bit hash written as 32 hex digits: the same text whether
/// the value was just parsed or restored from a chunk.
/// </summary>
public static class DistinctKey
{
    public static string Format(UInt128 hash) => hash.ToString("x32", CultureInfo.InvariantCulture);

    public static UInt128 Parse(string key) => UInt128.Parse(key, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}

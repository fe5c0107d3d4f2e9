using System.Globalization;
using Billing.Domain.Meters;

namespace Billing.Domain.Tests.Properties.Generators;

/// <summary>
/// Samples in arrival order, cut into consecutive groups (some possibly empty), with a permutation
/// of the groups and a seed for the shape of a merge tree.
/// </summary>
public sealed record MergeCase(
    AggregationFormula Formula,
    IReadOnlyList<IReadOnlyList<UsageSample>> Groups,
    IReadOnlyList<int> Permutation,
    int TreeSeed)
{
    public IEnumerable<UsageSample> Samples => Groups.SelectMany(g => g);

    public override string ToString() =>
        $"{Formula}; groups: [{string.Join(" | ", Groups.Select(g => string.Join(", ", g.Select(Describe))))}]; " +
        $"order: [{string.Join(", ", Permutation)}]; tree seed {TreeSeed}";

    private static string Describe(UsageSample s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Value}@{s.Timestamp.ToUnixTimeSeconds()}/{s.DistinctKey}");
}

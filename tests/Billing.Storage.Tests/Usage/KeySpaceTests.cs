using Billing.Storage.Usage;

namespace Billing.Storage.Tests.Usage;

public sealed class KeySpaceTests
{
    [Fact]
    public void Spread_SequentialKeys_StayDistinctAndFillTheBuckets()
    {
        var spread = Enumerable.Range(0, 100_000).Select(i => KeySpace.Spread((UInt128)(ulong)i)).ToArray();

        Assert.Equal(spread.Length, spread.Distinct().Count());
        var perBucket = spread.GroupBy(k => KeySpace.Bucket(k, 6)).Select(g => g.Count()).ToArray();
        Assert.Equal(64, perBucket.Length);
        Assert.All(perBucket, count => Assert.InRange(count, 1_300, 1_830)); // 1,562 expected, ±17%
    }

    [Fact]
    public void DistinctRaw_SameValueOfTwoMeters_Differ() =>
        Assert.NotEqual(KeySpace.DistinctRaw("users", 42), KeySpace.DistinctRaw("seats", 42));

    [Fact]
    public void DistinctRaw_ValueHashEqualToAnEventKey_IsAnotherKey() =>
        Assert.NotEqual((UInt128)42, KeySpace.DistinctRaw("users", 42));
}

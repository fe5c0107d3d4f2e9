using Billing.Storage.Usage;

namespace Billing.Storage.Tests.Usage;

public sealed class KeySetTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(5_000)]
    [InlineData(50_000)]
    public void Add_ManyKeysAcrossCompactions_ContainsExactlyThem(int count)
    {
        var random = new Random(count);
        var keys = Enumerable.Range(0, count).Select(_ => new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64())).Distinct().ToArray();
        var set = new KeySet();

        foreach (var key in keys)
        {
            set.Add(key);
        }

        Assert.Equal(keys.Length, set.Count);
        Assert.All(keys, key => Assert.True(set.Contains(key)));
        Assert.DoesNotContain(Enumerable.Range(0, 1000).Select(i => new UInt128((ulong)i, 7)), set.Contains);
    }

    [Fact]
    public void Add_MoreKeysThanOneRangeHolds_SplitsRangesAndKeepsThemAllAtSixteenBytesAKey()
    {
        var keys = Enumerable.Range(0, 300_000).Select(i => KeySpace.Spread((UInt128)(ulong)i)).ToArray();
        var set = new KeySet();

        foreach (var key in keys)
        {
            set.Add(key);
        }

        var ordered = set.Ordered().ToArray();
        Assert.Equal(keys.Order(), ordered);
        Assert.All(keys, key => Assert.True(set.Contains(key)));
        Assert.DoesNotContain(Enumerable.Range(300_000, 1_000).Select(i => KeySpace.Spread((UInt128)(ulong)i)), set.Contains);
        Assert.InRange(set.Bytes, 16L * keys.Length, (16L * keys.Length) + 4_096); // merged: sorted ranges only
    }

    [Fact]
    public void AddRange_RepeatedKeys_CountsEachOnce()
    {
        var set = new KeySet();

        set.AddRange([1, 2, 3]);
        set.AddRange([3, 4, 1]);

        Assert.Equal(4, set.Count);
        Assert.True(set.Contains(4));
        Assert.False(set.Contains(5));
    }
}

using Billing.Storage.Usage;
using Billing.Testing;

namespace Billing.Storage.Tests.Usage;

public sealed class BloomFilterTests
{
    [Fact]
    public void MightContain_AddedKeys_AlwaysAndOthersRarely()
    {
        var seed = TestSeed.Draw();
        var random = seed.Random();
        var keys = Enumerable.Range(0, 50_000).Select(_ => KeySpace.Spread(new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64()))).ToArray();
        var (bits, hashes) = BloomFilter.Size(keys.Length, maxBytes: 1 << 20);
        var filter = new BloomFilter(bits, hashes);

        foreach (var key in keys)
        {
            filter.Add(key);
        }

        Assert.All(keys, key => Assert.True(filter.MightContain(key), $"seed {seed}"));
        var falsePositives = Enumerable.Range(0, 100_000).Count(i => filter.MightContain(KeySpace.Spread((UInt128)(ulong)i)));
        Assert.InRange(falsePositives, 0, 2_000); // about 10 bits a key: 1% expected, at most 2%
    }

    [Fact]
    public void Parts_LoadedIntoANewFilter_AnswerTheSame()
    {
        var filter = new BloomFilter(1 << 16, 4);
        var keys = Enumerable.Range(0, 3_000).Select(i => KeySpace.Spread((UInt128)(ulong)i)).ToArray();
        foreach (var key in keys)
        {
            filter.Add(key);
        }

        var copy = new BloomFilter(filter.Bits, filter.Hashes);
        long offset = 0;
        foreach (var part in filter.Parts(1024))
        {
            copy.Load(offset, part);
            offset += part.Length;
        }

        Assert.Equal(filter.Bytes, offset);
        Assert.All(Enumerable.Range(0, 10_000).Select(i => KeySpace.Spread((UInt128)(ulong)i)), key => Assert.Equal(filter.MightContain(key), copy.MightContain(key)));
    }

    [Theory]
    [InlineData(1_000, 16L << 20, 16_384)]          // 10 bits a key, rounded up to a power of two
    [InlineData(10_000_000, 16L << 20, 1L << 27)]   // capped at 16 MiB
    [InlineData(10, 1024, 8_192)]                   // at least 2^13 bits, at most the cap
    public void Size_ExpectedKeys_PowerOfTwoWithinTheCap(long keys, long maxBytes, long expectedBits) =>
        Assert.Equal(expectedBits, BloomFilter.Size(keys, maxBytes).Bits);
}

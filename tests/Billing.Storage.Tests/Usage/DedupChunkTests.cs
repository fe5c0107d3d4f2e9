using Billing.Storage.Usage;

namespace Billing.Storage.Tests.Usage;

public sealed class DedupChunkTests
{
    [Fact]
    public void Encode_ThenDecode_RoundTripsKeysAndSections()
    {
        var keys = Enumerable.Range(0, 5000).Select(i => (UInt128.MaxValue / 7) * (ulong)i).ToArray();
        var chunk = new DedupChunk(keys, new Dictionary<string, List<UInt128>> { ["active_users"] = [1, UInt128.MaxValue] });

        var body = chunk.Encode();
        var parts = DedupChunk.Split(body).ToArray();
        var decoded = DedupChunk.Decode(parts.SelectMany(p => p).ToArray());

        Assert.True(parts.Length > 1);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, DedupChunk.MaxPropertyBytes));
        Assert.Equal(keys, decoded.Keys);
        Assert.Equal([1, UInt128.MaxValue], decoded.DistinctByMeter["active_users"]);
    }
}

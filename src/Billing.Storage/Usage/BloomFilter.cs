using System.Buffers.Binary;
using System.Numerics;

namespace Billing.Storage.Usage;

/// <summary>
/// A Bloom filter over spread keys (<see cref="KeySpace"/>): "no" is certain, "maybe" is checked
/// against the index. Its size is a power of two of bits fixed when it is built, so it does not
/// grow with the keys it holds; only its false-positive rate does (about 0.2% at 13 bits a key
/// with 8 hashes, 4% at 6 bits with 4). The k probes are the key's two 64-bit halves by double
/// hashing (the keys are already uniform, so no further hashing is needed).
/// </summary>
internal sealed class BloomFilter
{
    private readonly ulong[] words;
    private readonly ulong mask;

    public BloomFilter(long bits, int hashes)
    {
        if (bits < 64 || !BitOperations.IsPow2(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "A power of two, at least 64.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(hashes, 1);
        words = new ulong[bits / 64];
        mask = (ulong)bits - 1;
        Hashes = hashes;
    }

    public long Bits => (long)mask + 1;

    public int Hashes { get; }

    public long Bytes => words.Length * 8L;

    /// <summary>
    /// The size for <paramref name="expectedKeys"/> at about 10 bits a key (1% false positives),
    /// a power of two between 2^13 bits and <paramref name="maxBytes"/> (rounded down to a power of two), and its best hash count.
    /// </summary>
    public static (long Bits, int Hashes) Size(long expectedKeys, long maxBytes)
    {
        var maxBits = 1L << BitOperations.Log2((ulong)Math.Max(maxBytes * 8, 64)); // the largest power of two that fits
        var bits = Math.Clamp((long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(expectedKeys, 1) * 10), Math.Min(1L << 13, maxBits), maxBits);
        var hashes = (int)Math.Clamp(Math.Round(bits / (double)Math.Max(expectedKeys, 1) * Math.Log(2), MidpointRounding.AwayFromZero), 1, 12);
        return (bits, hashes);
    }

    public void Add(UInt128 key)
    {
        var (h1, h2) = Halves(key);
        for (var i = 0; i < Hashes; i++)
        {
            var bit = (h1 + ((ulong)i * h2)) & mask;
            words[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    public bool MightContain(UInt128 key)
    {
        var (h1, h2) = Halves(key);
        for (var i = 0; i < Hashes; i++)
        {
            var bit = (h1 + ((ulong)i * h2)) & mask;
            if ((words[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The filter's bits as bytes (little-endian words), <paramref name="partBytes"/> at a time.</summary>
    public IEnumerable<byte[]> Parts(int partBytes)
    {
        var wordsPerPart = partBytes / 8;
        for (var w = 0; w < words.Length; w += wordsPerPart)
        {
            var count = Math.Min(wordsPerPart, words.Length - w);
            var part = new byte[count * 8];
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(part.AsSpan(i * 8), words[w + i]);
            }

            yield return part;
        }
    }

    /// <summary>Reads bytes written by <see cref="Parts"/> starting at byte <paramref name="offset"/>.</summary>
    public void Load(long offset, ReadOnlySpan<byte> bytes)
    {
        if (offset % 8 != 0 || bytes.Length % 8 != 0 || offset + bytes.Length > Bytes)
        {
            throw new InvalidOperationException($"Filter bytes [{offset}, {offset + bytes.Length}) do not fit a filter of {Bytes} bytes.");
        }

        var first = (int)(offset / 8);
        for (var i = 0; i < bytes.Length / 8; i++)
        {
            words[first + i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]);
        }
    }

    // The low half as the start, the high half (made odd, so the k probes differ) as the stride.
    private static (ulong, ulong) Halves(UInt128 key) => ((ulong)key, (ulong)(key >> 64) | 1);
}

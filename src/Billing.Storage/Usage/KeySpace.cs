using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Billing.Storage.Usage;

/// <summary>
/// The keys a partition's dedup state holds. An event's key is its 128-bit dedup key; a
/// unique_count value's key is a hash of (meter, value hash) in a domain of its own, so that the
/// period's distinct values are kept, checked and stored exactly like its events and the
/// aggregate keeps only their count.
/// </summary>
/// <remarks>
/// In memory and in the index every key is first passed through <see cref="Spread"/>, a bijection
/// of the 128-bit space: equal keys stay equal and different keys different (so dedup stays
/// exact), while keys that are not uniform (sequential test keys, an adversary's) come out spread,
/// so the top bits that pick an index bucket and the halves that feed the Bloom filter are
/// uniform whatever the input. Chunks keep the raw dedup keys, as they always have.
/// </remarks>
internal static class KeySpace
{
    // Odd multipliers (the 128-bit golden ratio and another odd constant): multiplication by an odd
    // number is invertible modulo 2^128, and so is x ^ (x >> 64).
    private static readonly UInt128 M1 = new(0x9E3779B97F4A7C15UL, 0xF39CC0605CEDC835UL);
    private static readonly UInt128 M2 = new(0xC2B2AE3D27D4EB4FUL, 0x165667B19E3779F9UL);

    /// <summary>Seed of the distinct-value hash: a domain apart from event keys (seed 0).</summary>
    private const long DistinctSeed = 0x756E69717565; // "unique"

    /// <summary>
    /// The key of a unique_count value (its 128-bit hash) of a meter, as a chunk stores it: the
    /// XxHash128 of the meter id (UTF-8) and the value hash (16 bytes, little-endian) with a seed
    /// of its own. <see cref="Spread"/> it before use, like an event key.
    /// </summary>
    public static UInt128 DistinctRaw(string meterId, UInt128 valueHash)
    {
        Span<byte> buffer = stackalloc byte[(meterId.Length * 3) + 16];
        var length = Encoding.UTF8.GetBytes(meterId, buffer);
        BinaryPrimitives.WriteUInt128LittleEndian(buffer[length..], valueHash);
        return XxHash128.HashToUInt128(buffer[..(length + 16)], DistinctSeed);
    }

    /// <summary>A bijection of the 128-bit space that spreads any input over it.</summary>
    public static UInt128 Spread(UInt128 key)
    {
        var x = unchecked(key * M1);
        x ^= x >> 64;
        x = unchecked(x * M2);
        return x ^ (x >> 64);
    }

    /// <summary>Bucket of a spread key among 2^<paramref name="bits"/>: its top bits, so buckets follow key order.</summary>
    public static int Bucket(UInt128 key, int bits) => bits == 0 ? 0 : (int)(key >> (128 - bits));
}

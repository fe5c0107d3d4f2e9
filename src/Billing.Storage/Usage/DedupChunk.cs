using System.Buffers.Binary;
using System.Text;

namespace Billing.Storage.Usage;

/// <summary>
/// The binary body of one chunk entity: the dedup keys one commit added to a partition and, per
/// unique_count meter, the distinct-value hashes it added. Table Storage caps a binary property
/// at 64 KiB, so the body is split over properties <c>D0</c>, <c>D1</c>, … in order.
/// </summary>
/// <remarks>
/// Layout (little-endian): int32 key count, keys (16 bytes each); int32 section count; per
/// section: uint8 meter-id length, meter id (UTF-8), int32 count, hashes (16 bytes each). Chunks
/// written since unique_count values became keys (<see cref="KeySpace.DistinctRaw"/>) carry them
/// among the keys and no sections; older chunks' sections are still read.
/// </remarks>
internal sealed record DedupChunk(IReadOnlyList<UInt128> Keys, IReadOnlyDictionary<string, List<UInt128>> DistinctByMeter)
{
    public const int MaxPropertyBytes = 64 * 1024;

    public byte[] Encode()
    {
        var size = 4 + (Keys.Count * 16) + 4;
        foreach (var (meterId, hashes) in DistinctByMeter)
        {
            size += 1 + Encoding.UTF8.GetByteCount(meterId) + 4 + (hashes.Count * 16);
        }

        var buffer = new byte[size];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, Keys.Count);
        span = span[4..];
        foreach (var key in Keys)
        {
            WriteKey(ref span, key);
        }

        BinaryPrimitives.WriteInt32LittleEndian(span, DistinctByMeter.Count);
        span = span[4..];
        foreach (var (meterId, hashes) in DistinctByMeter)
        {
            var written = Encoding.UTF8.GetBytes(meterId, span[1..]);
            span[0] = checked((byte)written);
            span = span[(1 + written)..];
            BinaryPrimitives.WriteInt32LittleEndian(span, hashes.Count);
            span = span[4..];
            foreach (var hash in hashes)
            {
                WriteKey(ref span, hash);
            }
        }

        return buffer;
    }

    public static DedupChunk Decode(ReadOnlySpan<byte> body)
    {
        var keyCount = BinaryPrimitives.ReadInt32LittleEndian(body);
        body = body[4..];
        var keys = new UInt128[keyCount];
        for (var i = 0; i < keyCount; i++)
        {
            keys[i] = ReadKey(ref body);
        }

        var sectionCount = BinaryPrimitives.ReadInt32LittleEndian(body);
        body = body[4..];
        var distinct = new Dictionary<string, List<UInt128>>(sectionCount, StringComparer.Ordinal);
        for (var s = 0; s < sectionCount; s++)
        {
            int length = body[0];
            var meterId = Encoding.UTF8.GetString(body.Slice(1, length));
            body = body[(1 + length)..];
            var count = BinaryPrimitives.ReadInt32LittleEndian(body);
            body = body[4..];
            var hashes = new List<UInt128>(count);
            for (var i = 0; i < count; i++)
            {
                hashes.Add(ReadKey(ref body));
            }

            distinct[meterId] = hashes;
        }

        return new DedupChunk(keys, distinct);
    }

    /// <summary>
    /// Adds every key of a chunk body to <paramref name="keys"/> in spread form, a section's values
    /// as their distinct-value keys, without building the chunk. Returns the keys read.
    /// </summary>
    public static int ReadInto(ReadOnlySpan<byte> body, KeySet keys)
    {
        var keyCount = BinaryPrimitives.ReadInt32LittleEndian(body);
        body = body[4..];
        for (var i = 0; i < keyCount; i++)
        {
            Add(keys, ReadKey(ref body));
        }

        var read = keyCount;
        var sectionCount = BinaryPrimitives.ReadInt32LittleEndian(body);
        body = body[4..];
        for (var s = 0; s < sectionCount; s++)
        {
            int length = body[0];
            var meterId = Encoding.UTF8.GetString(body.Slice(1, length));
            body = body[(1 + length)..];
            var count = BinaryPrimitives.ReadInt32LittleEndian(body);
            body = body[4..];
            for (var i = 0; i < count; i++)
            {
                Add(keys, KeySpace.DistinctRaw(meterId, ReadKey(ref body)));
            }

            read += count;
        }

        return read;

        static void Add(KeySet keys, UInt128 raw)
        {
            var key = KeySpace.Spread(raw);
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }
    }

    /// <summary>Splits a body into the 64 KiB parts stored as <c>D0</c>, <c>D1</c>, ….</summary>
    public static IEnumerable<byte[]> Split(byte[] body)
    {
        for (var offset = 0; offset < body.Length; offset += MaxPropertyBytes)
        {
            yield return body.AsSpan(offset, Math.Min(MaxPropertyBytes, body.Length - offset)).ToArray();
        }
    }

    private static void WriteKey(ref Span<byte> span, UInt128 key)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)key);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], (ulong)(key >> 64));
        span = span[16..];
    }

    private static UInt128 ReadKey(ref ReadOnlySpan<byte> span)
    {
        var low = BinaryPrimitives.ReadUInt64LittleEndian(span);
        var high = BinaryPrimitives.ReadUInt64LittleEndian(span[8..]);
        span = span[16..];
        return new UInt128(high, low);
    }
}

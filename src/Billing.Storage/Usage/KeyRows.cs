using System.Buffers.Binary;
using Azure.Data.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// Binary bodies in table entities: Table Storage caps a binary property at 64 KiB, so a body is
/// split over properties <c>D0</c>, <c>D1</c>, … in order. Index rows hold sorted spread keys,
/// 16 bytes each (little-endian), and nothing else.
/// </summary>
internal static class KeyRows
{
    /// <summary>Bytes of the body properties of an entity, read back in one piece.</summary>
    public static byte[] Body(TableEntity entity)
    {
        var length = 0;
        for (var part = 0; entity.GetBinary($"D{part}") is { } bytes; part++)
        {
            length += bytes.Length;
        }

        var body = new byte[length];
        var offset = 0;
        for (var part = 0; entity.GetBinary($"D{part}") is { } bytes; part++)
        {
            bytes.CopyTo(body, offset);
            offset += bytes.Length;
        }

        return body;
    }

    /// <summary>Writes <paramref name="body"/> into the entity's <c>D</c> properties.</summary>
    public static void SetBody(TableEntity entity, byte[] body)
    {
        var part = 0;
        foreach (var bytes in DedupChunk.Split(body))
        {
            entity[$"D{part++}"] = bytes;
        }

        if (part == 0)
        {
            entity["D0"] = Array.Empty<byte>();
        }
    }

    public static byte[] Encode(ReadOnlySpan<UInt128> keys)
    {
        var body = new byte[keys.Length * 16];
        for (var i = 0; i < keys.Length; i++)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(body.AsSpan(i * 16), keys[i]);
        }

        return body;
    }

    public static UInt128[] Decode(ReadOnlySpan<byte> body)
    {
        if (body.Length % 16 != 0)
        {
            throw new InvalidOperationException($"An index row of {body.Length} bytes is not a whole number of keys.");
        }

        var keys = new UInt128[body.Length / 16];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = BinaryPrimitives.ReadUInt128LittleEndian(body[(i * 16)..]);
        }

        return keys;
    }
}

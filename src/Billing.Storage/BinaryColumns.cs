using Azure.Data.Tables;

namespace Billing.Storage;

/// <summary>
/// A byte body kept in binary properties of a table entity: Table Storage caps a binary property
/// at 64 KiB, so the body is split in order over the properties <c>column(0)</c>,
/// <c>column(1)</c>, …, and read back up to the first one missing.
/// </summary>
internal static class BinaryColumns
{
    /// <summary>Table Storage holds at most 64 KiB in one binary property.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Writes <paramref name="body"/> into the entity; an empty body writes no property.</summary>
    public static void Write(TableEntity entity, Func<int, string> column, ReadOnlySpan<byte> body)
    {
        for (var part = 0; part * MaxBytes < body.Length; part++)
        {
            entity[column(part)] = body.Slice(part * MaxBytes, Math.Min(MaxBytes, body.Length - (part * MaxBytes))).ToArray();
        }
    }

    /// <summary>The body the entity's properties hold, in one piece; empty when it has none.</summary>
    public static byte[] Read(TableEntity entity, Func<int, string> column)
    {
        var parts = new List<byte[]>();
        for (var part = 0; entity.GetBinary(column(part)) is { } bytes; part++)
        {
            parts.Add(bytes);
        }

        return parts.Count == 1 ? parts[0] : [.. parts.SelectMany(p => p)];
    }
}

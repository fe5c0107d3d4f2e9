using System.Globalization;
using Azure.Data.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// The index of a large partition as its head names it: the sorted keys of every chunk before
/// <see cref="IndexedThrough"/>, in 2^<see cref="BucketBits"/> bucket rows, and a Bloom filter of
/// <see cref="FilterBits"/> bits over them in <see cref="FilterParts"/> rows. A generation is
/// written whole under a new <see cref="Id"/> and never changed, then the head is switched to it.
/// </summary>
/// <param name="Id">"{IndexedThrough, 10 digits}-{random}": unique, and orders generations by what they cover.</param>
internal sealed record IndexGeneration(string Id, long IndexedThrough, int BucketBits, long Keys, long FilterBits, int FilterHashes, int FilterParts)
{
    /// <summary>The generation a head names, or null for a partition without an index (small).</summary>
    public static IndexGeneration? From(TableEntity head) =>
        head.GetString("IndexGeneration") is { Length: > 0 } id
            ? new IndexGeneration(
                id,
                head.GetInt64("IndexedThrough") ?? 0,
                head.GetInt32("IndexBucketBits") ?? 0,
                head.GetInt64("IndexKeys") ?? 0,
                head.GetInt64("FilterBits") ?? 0,
                head.GetInt32("FilterHashes") ?? 0,
                head.GetInt32("FilterParts") ?? 0)
            : null;

    public static string NewId(long indexedThrough) =>
        string.Create(CultureInfo.InvariantCulture, $"{indexedThrough:D10}-{Guid.NewGuid():N}")[..19];

    /// <summary>What a generation id says it covers: the chunks before this sequence.</summary>
    public static long IndexedThroughOf(string id) => long.Parse(id.AsSpan(0, 10), CultureInfo.InvariantCulture);

    /// <summary>Writes the generation's properties into a head entity.</summary>
    public void WriteTo(TableEntity head)
    {
        head["IndexGeneration"] = Id;
        head["IndexedThrough"] = IndexedThrough;
        head["IndexBucketBits"] = BucketBits;
        head["IndexKeys"] = Keys;
        head["FilterBits"] = FilterBits;
        head["FilterHashes"] = FilterHashes;
        head["FilterParts"] = FilterParts;
    }
}

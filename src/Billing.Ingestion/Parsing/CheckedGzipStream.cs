using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Billing.Ingestion.Parsing;

/// <summary>
/// Decompresses gzip and checks that the data really ends, throwing <see cref="BrokenFileException"/>
/// where <see cref="GZipStream"/> would hand out a silent partial file.
/// </summary>
/// <remarks>
/// What GZipStream (.NET 10, zlib) verifies: the header, the compressed data, and each member's
/// CRC-32 and length trailer once it reaches it (a mismatch throws InvalidDataException). What it
/// does not: that the data reaches that trailer at all. Input that stops inside the compressed data
/// or the trailer just ends the stream, as does an empty file (the AppContext switch
/// <c>System.IO.Compression.UseStrictValidation</c> would change that, but for the whole process
/// and only if set before any DeflateStream is used). So this stream computes the CRC-32 and length
/// of what it hands out and, at the end, requires the last 8 bytes of the file to be the trailer of
/// the last member: cut anywhere, they are not.
/// <para>
/// A file may hold several members (concatenated .gz files, bgzip): each trailer covers its own
/// member. GZipStream stops a read at a member's end, so members start at read boundaries; after
/// each read this stream looks for the trailer the current member would have (its CRC-32 and
/// length so far) among the compressed bytes just consumed, and where it is found, a new member
/// starts. A false match needs 8 bytes to equal a CRC and a length by chance, or a member that
/// begins with a byte-for-byte copy of the one before, ending on a read boundary; then a complete
/// multi-member file is reported broken (its events are all read all the same). A broken file is
/// never taken for a complete one: that would need its last 8 bytes to be such a trailer.
/// </para>
/// </remarks>
internal sealed class CheckedGzipStream : Stream
{
    private const int TrailerLength = 8;

    private readonly GzipSource source;
    private readonly GZipStream gzip;
    private readonly Crc32 member = new();
    private long memberLength;
    private ulong? lastTrailer;
    private long total;
    private bool ended;

    public CheckedGzipStream(Stream compressed)
    {
        source = new GzipSource(compressed);
        gzip = new GZipStream(source, CompressionMode.Decompress);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (ended || buffer.IsEmpty)
        {
            return 0;
        }

        var before = Trailer();
        var delivered = source.BytesRead;
        int read;
        try
        {
            read = gzip.Read(buffer);
        }
        catch (InvalidDataException)
        {
            throw new BrokenFileException(source.LooksLikeGzip
                ? new FileError(FileErrors.CorruptGzip, $"the gzip data is corrupt after {total} decompressed bytes: bad compressed data, or its CRC-32 or length check failed")
                : NotGzip());
        }

        // The member may have ended where the previous read stopped, its trailer consumed by this
        // one. Had the trailer been all there before this read, the previous read's check would
        // have found it; so it ends in the bytes delivered since, and only those are searched.
        if (memberLength > 0 && source.BytesRead > delivered
            && source.Contains(AsBytes(before, stackalloc byte[TrailerLength]), delivered - TrailerLength + 1, source.BytesRead))
        {
            EndMember(before);
        }

        if (read == 0)
        {
            ended = true;
            Verify();
            return 0;
        }

        member.Append(buffer[..read]);
        memberLength += read;
        total += read;
        var after = Trailer();
        if (source.RecentlyContains(AsBytes(after, stackalloc byte[TrailerLength])))
        {
            EndMember(after);
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Verify()
    {
        if (source.BytesRead == 0)
        {
            throw new BrokenFileException(new FileError(FileErrors.TruncatedGzip, "the file is empty: a .gz file holds at least a gzip header and trailer"));
        }

        if (!source.LooksLikeGzip)
        {
            throw new BrokenFileException(NotGzip());
        }

        if (!source.AtEnd)
        {
            // GZipStream stops at the end of the last member and ignores what follows.
            throw new BrokenFileException(new FileError(FileErrors.CorruptGzip, $"unexpected data after the end of the gzip data ({total} decompressed bytes)"));
        }

        var expected = memberLength == 0 && lastTrailer is { } last ? last : Trailer();
        if (!source.EndsWith(AsBytes(expected, stackalloc byte[TrailerLength])))
        {
            throw new BrokenFileException(new FileError(
                FileErrors.TruncatedGzip,
                $"the gzip data ends early, after {total} decompressed bytes, without its end marker and CRC-32/length trailer: the file is truncated"));
        }
    }

    private static FileError NotGzip() =>
        new(FileErrors.NotGzip, "not gzip data: the file does not start with the gzip signature (1f 8b)");

    private void EndMember(ulong trailer)
    {
        lastTrailer = trailer;
        member.Reset();
        memberLength = 0;
    }

    /// <summary>The trailer the current member would end with: CRC-32, then the length mod 2^32, both little-endian.</summary>
    private ulong Trailer() => member.GetCurrentHashAsUInt32() | ((ulong)(uint)memberLength << 32);

    private static ReadOnlySpan<byte> AsBytes(ulong trailer, Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, trailer);
        return bytes;
    }
}

namespace Billing.Ingestion.Parsing;

/// <summary>
/// The compressed bytes under a <see cref="CheckedGzipStream"/>: passes reads through and keeps
/// what the check needs — whether the data starts with the gzip signature, whether its end was
/// reached, and the most recent bytes (where a gzip member's 8-byte trailer is while the
/// decompressor consumes it).
/// </summary>
internal sealed class GzipSource(Stream inner) : Stream
{
    private const int MinimumWindow = 16 * 1024;

    private byte[] window = new byte[MinimumWindow];
    private int windowCount;
    private readonly byte[] head = new byte[2];
    private int largestRead;

    /// <summary>Compressed bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>A read returned 0: every byte of the compressed data has been handed out.</summary>
    public bool AtEnd { get; private set; }

    /// <summary>The bytes read so far agree with the gzip signature <c>1f 8b</c> (true before any byte is read).</summary>
    public bool LooksLikeGzip => (BytesRead < 1 || head[0] == 0x1F) && (BytesRead < 2 || head[1] == 0x8B);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Whether <paramref name="pattern"/> is among the most recent bytes. The window holds at least
    /// the last two reads: the decompressor holds back at most one read's worth of input, so the
    /// trailer of a member it has just finished is always inside.
    /// </summary>
    public bool RecentlyContains(ReadOnlySpan<byte> pattern) => window.AsSpan(0, windowCount).IndexOf(pattern) >= 0;

    /// <summary>Whether <paramref name="pattern"/> lies within compressed bytes [<paramref name="from"/>, <paramref name="to"/>) (offsets from the start of the data, clipped to the window).</summary>
    public bool Contains(ReadOnlySpan<byte> pattern, long from, long to)
    {
        var windowStart = BytesRead - windowCount;
        var start = (int)Math.Max(0, from - windowStart);
        var end = (int)Math.Min(windowCount, to - windowStart);
        return end > start && window.AsSpan(start, end - start).IndexOf(pattern) >= 0;
    }

    /// <summary>Whether the data read so far ends with <paramref name="pattern"/>.</summary>
    public bool EndsWith(ReadOnlySpan<byte> pattern) => window.AsSpan(0, windowCount).EndsWith(pattern);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        if (read == 0)
        {
            AtEnd |= !buffer.IsEmpty;
            return 0;
        }

        Remember(buffer[..read]);
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
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Remember(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; BytesRead + i < head.Length && i < bytes.Length; i++)
        {
            head[(int)BytesRead + i] = bytes[i];
        }

        BytesRead += bytes.Length;
        largestRead = Math.Max(largestRead, bytes.Length);
        var capacity = Math.Max(MinimumWindow, (2 * largestRead) + 16);
        if (capacity > window.Length)
        {
            var larger = new byte[capacity];
            window.AsSpan(0, windowCount).CopyTo(larger);
            window = larger;
        }

        // Keep the newest bytes: drop the oldest to make room, then append.
        var keep = Math.Max(0, Math.Min(windowCount, window.Length - bytes.Length));
        if (keep < windowCount)
        {
            window.AsSpan(windowCount - keep, keep).CopyTo(window);
            windowCount = keep;
        }

        var tail = bytes.Length > window.Length ? bytes[^window.Length..] : bytes;
        tail.CopyTo(window.AsSpan(windowCount));
        windowCount += tail.Length;
    }
}

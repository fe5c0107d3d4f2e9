using System.Buffers;

namespace Billing.Ingestion.Parsing;

/// <summary>
/// Reads a stream line by line without allocating per line: each line is a slice of an internal
/// buffer, valid until the next call. Handles LF and CRLF; a line longer than
/// <see cref="MaxLineBytes"/> is reported (as <see cref="LineStatus.TooLong"/>) and skipped, so one
/// bad line never stops a file.
/// </summary>
internal sealed class LineReader : IDisposable
{
    public const int MaxLineBytes = 1024 * 1024;
    private const int InitialBuffer = 256 * 1024;

    private readonly Stream stream;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int start;
    private int end;

    // Bytes after start already searched for a newline: a long line arriving in small reads is scanned once.
    private int scanned;
    private bool eof;

    public LineReader(Stream stream) => this.stream = stream;

    public enum LineStatus
    {
        Line,
        TooLong,
        End,
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    public LineStatus Next(out ReadOnlySpan<byte> line)
    {
        var skipping = false;
        while (true)
        {
            var found = buffer.AsSpan(start + scanned, end - start - scanned).IndexOf((byte)'\n');
            if (found >= 0)
            {
                var newline = scanned + found;
                var slice = buffer.AsSpan(start, newline);
                start += newline + 1;
                scanned = 0;
                LineNumber++;
                if (skipping || slice.Length > MaxLineBytes)
                {
                    line = default;
                    return LineStatus.TooLong;
                }

                line = slice.Length > 0 && slice[^1] == (byte)'\r' ? slice[..^1] : slice;
                return LineStatus.Line;
            }

            if (eof)
            {
                if (start == end && !skipping)
                {
                    line = default;
                    return LineStatus.End;
                }

                skipping |= end - start > MaxLineBytes;
                line = skipping ? default : buffer.AsSpan(start, end - start);
                start = end;
                scanned = 0;
                LineNumber++;
                return skipping ? LineStatus.TooLong : LineStatus.Line;
            }

            scanned = end - start;
            if (end - start > MaxLineBytes)
            {
                // Drop what we have of the over-long line and keep looking for its end.
                skipping = true;
                start = end = scanned = 0;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, larger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            eof = true;
        }

        end += read;
    }
}

using System.Text;

namespace Billing.Ingestion.Tests.Support;

/// <summary>
/// A non-seekable stream of generated pieces that hands out at most <c>maxRead</c> bytes per
/// <see cref="Read(byte[], int, int)"/>, like a slow network stream. The content is produced on
/// demand, so a test can stream a file far larger than it would want to hold in memory.
/// </summary>
internal sealed class GeneratedStream(Func<long, byte[]> piece, long pieceCount, int maxRead) : Stream
{
    private byte[] current = [];
    private int position;
    private long nextPiece;

    /// <summary>Bytes handed out so far: how much of the "file" the reader has pulled.</summary>
    public long BytesServed { get; private set; }

    /// <summary>Calls of <see cref="Read(byte[], int, int)"/> so far.</summary>
    public long Reads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static GeneratedStream Of(byte[] content, int maxRead) => new(_ => content, 1, maxRead);

    public static GeneratedStream Of(string content, int maxRead) => Of(Encoding.UTF8.GetBytes(content), maxRead);

    public static GeneratedStream Lines(Func<long, string> line, long count, int maxRead) =>
        new(i => Encoding.UTF8.GetBytes(line(i)), count, maxRead);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Reads++;
        if (position == current.Length)
        {
            if (nextPiece == pieceCount)
            {
                return 0;
            }

            current = piece(nextPiece++);
            position = 0;
        }

        var n = Math.Min(Math.Min(buffer.Length, maxRead), current.Length - position);
        current.AsSpan(position, n).CopyTo(buffer);
        position += n;
        BytesServed += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using System.Net;

namespace Billing.Testing;

/// <summary>
/// A request body of <paramref name="size"/> bytes of filler, written a piece at a time so that
/// the test never holds it, with or without Content-Length (without it the body is chunked, so a
/// size limit must be enforced while reading).
/// </summary>
public sealed class GeneratedContent(long size, bool declaresLength) : HttpContent
{
    private static readonly byte[] Piece = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (var left = size; left > 0;)
        {
            var count = (int)Math.Min(left, Piece.Length);
            await stream.WriteAsync(Piece.AsMemory(0, count), cancellationToken);
            left -= count;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = declaresLength ? size : 0;
        return declaresLength;
    }
}

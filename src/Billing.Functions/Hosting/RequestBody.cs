using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Billing.Functions.Hosting;

/// <summary>
/// A request body read into a pooled buffer, never more than a limit: an unauthenticated caller
/// must not be able to make the app hold what it sends (a 29 MB body read whole cost the process
/// its heap). Dispose returns the buffer to the pool.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private const int InitialBuffer = 64 * 1024;

    private byte[]? buffer;
    private readonly int length;

    private RequestBody(byte[] buffer, int length)
    {
        this.buffer = buffer;
        this.length = length;
    }

    public ReadOnlySpan<byte> Span => (buffer ?? throw new ObjectDisposedException(nameof(RequestBody))).AsSpan(0, length);

    /// <summary>
    /// The body's bytes, or null when it declares (Content-Length: nothing is read) or turns out
    /// to be over <paramref name="maxBytes"/> (reading stops one byte past it).
    /// </summary>
    public static async Task<RequestBody?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        LiftServerLimit(request.HttpContext);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // One byte over the limit tells a body at the limit from one beyond it.
        var buffer = ArrayPool<byte>.Shared.Rent(checked((int)Math.Min(request.ContentLength ?? InitialBuffer, maxBytes) + 1));
        var length = 0;
        try
        {
            while (true)
            {
                // The pool hands out arrays larger than asked for: never read past one byte over the limit.
                var room = (int)Math.Min(buffer.Length, maxBytes + 1L);
                if (length == room)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(checked((int)Math.Min((long)buffer.Length * 2, maxBytes + 1L)));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    room = (int)Math.Min(buffer.Length, maxBytes + 1L);
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, room - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    var body = new RequestBody(buffer, length);
                    buffer = null;
                    return body;
                }

                length += read;
                if (length > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref buffer, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The function limits the body itself (413 past its limit), so the server's own ceiling
    /// (Kestrel's 30,000,000 bytes) is lifted. Kestrel keeps reading the rest of a body the app
    /// refused, to answer on a clean connection, but stops at that ceiling and resets the
    /// connection: the proxy in front (the Functions host) then loses the 413 and tells its caller
    /// 502. Without the ceiling the rest is drained, for at most Kestrel's 5 s.
    /// </summary>
    private static void LiftServerLimit(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
    }
}

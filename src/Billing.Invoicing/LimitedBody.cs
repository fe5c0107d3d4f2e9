namespace Billing.Invoicing;

/// <summary>
/// Reads a request body into memory, never more than a limit: an unauthenticated caller must not
/// be able to make the app hold what it sends (a 29 MB body read whole cost the process its heap).
/// </summary>
internal static class LimitedBody
{
    private const int InitialBuffer = 16 * 1024;

    /// <summary>The body's bytes, or null when it declares or turns out to be over <paramref name="maxBytes"/>.</summary>
    /// <param name="declaredLength">The Content-Length header: over the limit, nothing is read.</param>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (declaredLength > maxBytes)
        {
            return null;
        }

        // One byte over the limit tells a body at the limit from one beyond it.
        var buffer = new byte[(int)Math.Min(declaredLength ?? InitialBuffer, maxBytes) + 1];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > maxBytes)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }

            length += read;
        }
    }
}

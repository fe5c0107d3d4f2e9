using Microsoft.AspNetCore.Http.Metadata;

namespace Billing.Functions.Hosting;

/// <summary>
/// Endpoint metadata: the handler limits the body itself while streaming it (413 past its limit),
/// so Kestrel's own ceiling (30,000,000 bytes) is lifted. Kestrel keeps reading the rest of a body
/// the app refused, to answer on a clean connection, but stops at that ceiling and resets the
/// connection: a proxy in front (the Functions host, the local runtime's front) then loses the
/// 413 and tells its caller 502. Without the ceiling the rest is drained, for at most Kestrel's 5 s.
/// </summary>
internal sealed class HandlerBodyLimit : IRequestSizeLimitMetadata
{
    public static readonly HandlerBodyLimit Instance = new();

    private HandlerBodyLimit()
    {
    }

    public long? MaxRequestBodySize => null;
}

using System.Net;

namespace Billing.Functions.Tests.Hosting;

/// <summary>A request body sent without Content-Length, so a size limit must be enforced while reading it.</summary>
internal sealed class UnknownLengthContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

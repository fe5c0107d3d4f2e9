using System.Text;
using Billing.Ingestion.Parsing;

namespace Billing.Ingestion.Tests.Support;

/// <summary>Reads file content given as text through <see cref="EventFiles.Read"/>.</summary>
internal static class Files
{
    public static List<RawEvent> Read(string content, string name) => Read(Encoding.UTF8.GetBytes(content), name);

    public static List<RawEvent> Read(byte[] content, string name)
    {
        using var stream = new MemoryStream(content, writable: false);
        return EventFiles.Read(stream, name).ToList();
    }
}

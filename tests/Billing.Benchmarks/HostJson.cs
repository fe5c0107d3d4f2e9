using System.Text.Json.Nodes;
using Billing.LocalDev;

namespace Billing.Benchmarks;

/// <summary>Reads the settings the Functions host would apply from the repository's host.json.</summary>
internal static class HostJson
{
    public static int BlobParallelism() => Extension("blobs", "maxDegreeOfParallelism") ?? 1;

    /// <summary>Queue messages a queue trigger takes at once (the Functions default is 16).</summary>
    public static int QueueBatchSize() => Extension("queues", "batchSize") ?? 16;

    private static int? Extension(string extension, string setting)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        return json?["extensions"]?[extension]?[setting]?.GetValue<int>();
    }
}

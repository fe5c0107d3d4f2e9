using System.Text.Json.Nodes;
using Billing.LocalRuntime;

namespace Billing.Benchmarks;

/// <summary>Reads the settings the Functions host would apply from the repository's host.json.</summary>
internal static class HostJson
{
    public static int BlobParallelism()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        return json?["extensions"]?["blobs"]?["maxDegreeOfParallelism"]?.GetValue<int>() ?? 1;
    }
}

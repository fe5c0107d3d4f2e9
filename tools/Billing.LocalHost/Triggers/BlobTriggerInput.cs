using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Billing.LocalHost.Invocation;
using Billing.LocalHost.Metadata;

namespace Billing.LocalHost.Triggers;

/// <summary>
/// What a blob trigger gives the function, as the isolated worker does: the blob as the trigger
/// parameter's type, and the binding data <c>name</c>, <c>BlobTrigger</c>, <c>Uri</c>,
/// <c>Properties</c> and <c>Metadata</c> (JSON text, as the host sends JSON values); plus the
/// message it leaves on <c>webjobs-blobtrigger-poison</c>.
/// </summary>
internal static class BlobTriggerInput
{
    /// <param name="retryCount">Tries before this one.</param>
    public static TriggerInput Create(BlobTriggerBinding binding, BlobVersion version, BlobClient blob, int retryCount, int maxRetryCount)
    {
        var properties = new JsonObject
        {
            ["ETag"] = version.ETag,
            ["ContentLength"] = version.Length,
            ["ContentType"] = version.ContentType,
            ["BlobType"] = version.BlobType,
            ["LastModified"] = version.LastModified?.ToString("O", CultureInfo.InvariantCulture),
            ["CreatedOn"] = version.CreatedOn?.ToString("O", CultureInfo.InvariantCulture),
        };
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["name"] = version.Capture,
            ["BlobTrigger"] = $"{binding.Container}/{version.Name}",
            ["Uri"] = blob.Uri.ToString(),
            ["Properties"] = properties.ToJsonString(),
            ["Metadata"] = "{}",
        };
        return new TriggerInput($"{version.Name}@{version.ETag}", type => Convert(blob, version, type), data, RetryCount: retryCount, MaxRetryCount: maxRetryCount);
    }

    public static JsonObject PoisonMessage(string function, BlobTriggerBinding binding, BlobVersion version) => new()
    {
        ["Type"] = "BlobTrigger",
        ["FunctionId"] = $"Host.Functions.{function}",
        ["BlobType"] = version.BlobType,
        ["ContainerName"] = binding.Container,
        ["BlobName"] = version.Name,
        ["ETag"] = version.ETag,
    };

    /// <summary>
    /// A client (the app streams the blob itself, by name and ETag: nothing is read here), or the
    /// content of this version (If-Match its ETag: an overwrite since the scan fails the try).
    /// </summary>
    private static object Convert(BlobClient blob, BlobVersion version, Type type)
    {
        if (type.IsAssignableFrom(typeof(BlobClient)))
        {
            return blob;
        }

        var conditions = new BlobRequestConditions { IfMatch = new Azure.ETag(version.ETag) };
        if (type == typeof(Stream))
        {
            return blob.OpenRead(new BlobOpenReadOptions(allowModifications: false) { Conditions = conditions });
        }

        var content = blob.DownloadContent(new BlobDownloadOptions { Conditions = conditions }).Value.Content;
        return type == typeof(string) ? content.ToString()
            : type == typeof(byte[]) ? content.ToArray()
            : type == typeof(BinaryData) ? content
            : throw new NotSupportedException($"A blob trigger binds to BlobClient, Stream, string, byte[] or BinaryData, not {type.Name}.");
    }
}

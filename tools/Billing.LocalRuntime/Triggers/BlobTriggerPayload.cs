using System.Globalization;
using System.Text.Json.Nodes;
using Billing.LocalRuntime.Model;

namespace Billing.LocalRuntime.Triggers;

/// <summary>
/// What the Functions host sends for a blob trigger: the invocation's <c>Data</c> and
/// <c>Metadata</c>, and the message it leaves on <c>webjobs-blobtrigger-poison</c>.
/// </summary>
internal static class BlobTriggerPayload
{
    /// <summary>The blob's content is not passed: the app streams the blob itself by name and ETag.</summary>
    public static JsonObject Data(BlobTriggerBinding binding) => new() { [binding.Name] = null };

    public static JsonObject Metadata(FunctionDefinition function, BlobTriggerBinding binding, BlobVersion version, Uri uri, DateTimeOffset now) => new()
    {
        ["name"] = version.Capture,
        ["Uri"] = uri.ToString(),
        ["BlobTrigger"] = $"{binding.Container}/{version.Name}",
        ["Properties"] = new JsonObject
        {
            ["ETag"] = version.ETag,
            ["Length"] = version.Length,
            ["ContentType"] = version.ContentType,
            ["BlobType"] = version.BlobType,
            ["LastModified"] = version.LastModified?.ToString("O", CultureInfo.InvariantCulture),
            ["CreatedOn"] = version.CreatedOn?.ToString("O", CultureInfo.InvariantCulture),
        },
        ["sys"] = new JsonObject
        {
            ["MethodName"] = function.Name,
            ["UtcNow"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["RandGuid"] = Guid.NewGuid().ToString(),
        },
    };

    public static JsonObject PoisonMessage(FunctionDefinition function, BlobTriggerBinding binding, BlobVersion version) => new()
    {
        ["Type"] = "BlobTrigger",
        ["FunctionId"] = $"Host.Functions.{function.Name}",
        ["BlobType"] = version.BlobType,
        ["ContainerName"] = binding.Container,
        ["BlobName"] = version.Name,
        ["ETag"] = version.ETag,
    };
}

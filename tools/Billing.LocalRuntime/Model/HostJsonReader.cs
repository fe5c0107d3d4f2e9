using System.Text.Json;

namespace Billing.LocalRuntime.Model;

/// <summary>Reads the parts of <c>host.json</c> the local runtime reproduces.</summary>
internal static class HostJsonReader
{
    public static HostConfiguration Read(string file)
    {
        using var document = JsonFields.Parse(file);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FunctionAppModelException(file, "(root)", "must be a JSON object.");
        }

        var root = new JsonFields(file, string.Empty, document.RootElement);
        if (root.String("version") is not "2.0")
        {
            throw root.Error("version", "must be \"2.0\".");
        }

        var customHandler = root.Object("customHandler") ?? throw root.Error("customHandler", "is required: this runtime drives custom handlers.");
        var description = customHandler.Object("description") ?? throw customHandler.Error("description", "is required.");
        var extensions = root.Object("extensions");
        var http = extensions?.Object("http");
        var blobs = extensions?.Object("blobs");
        var queues = extensions?.Object("queues");
        return new HostConfiguration(
            description.RequiredString("defaultExecutablePath"),
            description.String("workingDirectory") is { Length: > 0 } workingDirectory ? workingDirectory : null,
            description.StringArray("arguments") ?? [],
            customHandler.Boolean("enableForwardingHttpRequest") ?? false,
            (http?.String("routePrefix") ?? HostConfiguration.DefaultRoutePrefix).Trim('/'),
            new BlobsConfiguration(
                blobs?.PositiveInt("maxDegreeOfParallelism") ?? BlobsConfiguration.DefaultMaxDegreeOfParallelism,
                blobs?.PositiveInt("poisonBlobThreshold") ?? BlobsConfiguration.DefaultPoisonBlobThreshold),
            new QueuesConfiguration(
                queues?.PositiveInt("maxDequeueCount") ?? QueuesConfiguration.DefaultMaxDequeueCount,
                queues?.Duration("visibilityTimeout") ?? TimeSpan.Zero,
                queues?.PositiveInt("batchSize", max: 32) ?? QueuesConfiguration.DefaultBatchSize,
                queues?.Duration("maxPollingInterval") ?? QueuesConfiguration.DefaultMaxPollingInterval),
            root.Duration("functionTimeout") ?? HostConfiguration.DefaultFunctionTimeout);
    }
}

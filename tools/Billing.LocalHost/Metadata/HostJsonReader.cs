using System.Text.Json;
using Billing.LocalDev.Settings;

namespace Billing.LocalHost.Metadata;

/// <summary>Reads the parts of <c>host.json</c> the local host reproduces.</summary>
internal static class HostJsonReader
{
    public static HostConfiguration Read(string file, AppSettings settings)
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

        var extensions = root.Object("extensions");
        var http = extensions?.Object("http");
        var blobs = extensions?.Object("blobs");
        var queues = extensions?.Object("queues");
        var hubName = extensions?.Object("durableTask")?.String("hubName") is { Length: > 0 } hub
            ? BindingExpressions.Resolve(hub, settings, file, "extensions.durableTask.hubName")
            : HostConfiguration.DefaultHubName;
        return new HostConfiguration(
            (http?.String("routePrefix") ?? HostConfiguration.DefaultRoutePrefix).Trim('/'),
            new BlobsConfiguration(
                blobs?.PositiveInt("maxDegreeOfParallelism") ?? BlobsConfiguration.DefaultMaxDegreeOfParallelism,
                blobs?.PositiveInt("poisonBlobThreshold") ?? BlobsConfiguration.DefaultPoisonBlobThreshold),
            new QueuesConfiguration(
                queues?.PositiveInt("maxDequeueCount") ?? QueuesConfiguration.DefaultMaxDequeueCount,
                queues?.Duration("visibilityTimeout") ?? TimeSpan.Zero,
                queues?.PositiveInt("batchSize", max: 32) ?? QueuesConfiguration.DefaultBatchSize,
                queues?.Duration("maxPollingInterval") ?? QueuesConfiguration.DefaultMaxPollingInterval),
            root.Duration("functionTimeout") ?? HostConfiguration.DefaultFunctionTimeout,
            hubName);
    }
}

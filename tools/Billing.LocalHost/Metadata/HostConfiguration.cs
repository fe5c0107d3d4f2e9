namespace Billing.LocalHost.Metadata;

/// <summary>What the host reads from <c>host.json</c>; absent values take the Functions host's defaults.</summary>
/// <param name="RoutePrefix"><c>extensions.http.routePrefix</c>, default <c>api</c>.</param>
/// <param name="FunctionTimeout"><c>functionTimeout</c>, default 5 minutes: how long one non-HTTP invocation may run.</param>
/// <param name="HubName"><c>extensions.durableTask.hubName</c>, default <see cref="DefaultHubName"/>.</param>
public sealed record HostConfiguration(
    string RoutePrefix,
    BlobsConfiguration Blobs,
    QueuesConfiguration Queues,
    TimeSpan FunctionTimeout,
    string HubName)
{
    public const string DefaultRoutePrefix = "api";

    /// <summary>The Durable Functions default task hub name when host.json names none.</summary>
    public const string DefaultHubName = "TestHubName";

    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(5);
}

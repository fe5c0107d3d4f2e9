namespace Billing.LocalRuntime.Model;

/// <summary>What the runtime reads from <c>host.json</c>; absent values take the Functions host's defaults.</summary>
/// <param name="ExecutablePath"><c>customHandler.description.defaultExecutablePath</c>, relative to the app directory unless rooted.</param>
/// <param name="WorkingDirectory"><c>customHandler.description.workingDirectory</c>; null or empty: the runtime's choice.</param>
/// <param name="Arguments"><c>customHandler.description.arguments</c>.</param>
/// <param name="EnableForwardingHttpRequest"><c>customHandler.enableForwardingHttpRequest</c>: HTTP requests are forwarded as they are.</param>
/// <param name="RoutePrefix"><c>extensions.http.routePrefix</c>, default <c>api</c>.</param>
/// <param name="FunctionTimeout"><c>functionTimeout</c>, default 5 minutes: how long one invocation may run.</param>
public sealed record HostConfiguration(
    string ExecutablePath,
    string? WorkingDirectory,
    IReadOnlyList<string> Arguments,
    bool EnableForwardingHttpRequest,
    string RoutePrefix,
    BlobsConfiguration Blobs,
    QueuesConfiguration Queues,
    TimeSpan FunctionTimeout)
{
    public const string DefaultRoutePrefix = "api";
    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(5);
}

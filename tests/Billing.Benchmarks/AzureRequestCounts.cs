using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text.Json.Nodes;

namespace Billing.Benchmarks;

/// <summary>
/// Counts every Azure SDK request of the process by method and resource (table, queue or blob
/// container), from the Azure SDK's "Azure-Core" event source. Unlike <see cref="StorageTiming"/>,
/// which sits in the app's own clients, it also sees the Durable sidecar's clients, which the
/// benchmark cannot reach: their control-queue, work-item, history and instance requests.
/// </summary>
internal sealed class AzureRequestCounts : EventListener
{
    private readonly ConcurrentDictionary<string, long> byKind = new(StringComparer.Ordinal);
    private volatile bool counting;

    public void Start()
    {
        byKind.Clear();
        counting = true;
    }

    public void Stop() => counting = false;

    public long Total => byKind.Values.Sum();

    /// <summary>Requests of kinds whose resource starts with <paramref name="resourcePrefix"/> (case-insensitive), plus <paramref name="extra"/>, most first.</summary>
    public JsonObject ToJson(string resourcePrefix, IEnumerable<KeyValuePair<string, long>> extra) => new(byKind
        .Where(p => p.Key.Split(' ')[1].StartsWith(resourcePrefix, StringComparison.OrdinalIgnoreCase))
        .Concat(extra)
        .Where(p => p.Value != 0)
        .OrderByDescending(p => p.Value)
        .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));

    public long Count(string kind) => byKind.GetValueOrDefault(kind);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!counting || eventData.EventName != "Request" || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }

        var method = eventData.PayloadNames.IndexOf("method");
        var uri = eventData.PayloadNames.IndexOf("uri");
        if (method < 0 || uri < 0 || !Uri.TryCreate(eventData.Payload[uri] as string, UriKind.Absolute, out var address))
        {
            return;
        }

        // Azurite's path: /{account}/{resource}…; a table's resource carries its key or "()".
        var segments = address.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : string.Empty;
        var open = resource.IndexOf('(', StringComparison.Ordinal);
        byKind.AddOrUpdate($"{eventData.Payload[method]} {(open < 0 ? resource : resource[..open])}", 1, (_, n) => n + 1);
    }
}

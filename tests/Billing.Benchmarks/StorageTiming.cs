using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Billing.Benchmarks;

/// <summary>
/// A storage SDK pipeline policy that counts requests and their latency by kind (method, table or
/// queue without the test prefix, point / query / batch), so a run shows where storage time goes.
/// Passive: it only reads the request and times it.
/// </summary>
internal sealed class StorageTiming(string prefix) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, Totals> byKind = new(StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Record(message, started);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Record(message, started);
        }
    }

    public void Clear() => byKind.Clear();

    /// <summary>Requests of every kind.</summary>
    public long Total => byKind.Values.Sum(t => t.Count);

    /// <summary>Requests of one kind, e.g. "POST $batch".</summary>
    public long Count(string kind) => byKind.TryGetValue(kind, out var totals) ? totals.Count : 0;

    /// <summary>Kinds by total time, most first: requests, total and mean milliseconds.</summary>
    public JsonObject ToJson() => new(byKind
        .OrderByDescending(p => p.Value.Ticks)
        .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject
        {
            ["requests"] = p.Value.Count,
            ["total_s"] = Figures.Round(Stopwatch.GetElapsedTime(0, p.Value.Ticks).TotalSeconds, 1),
            ["mean_ms"] = Figures.Round(Stopwatch.GetElapsedTime(0, p.Value.Ticks).TotalMilliseconds / p.Value.Count, 2),
        })));

    private void Record(HttpMessage message, long started)
    {
        var elapsed = Stopwatch.GetTimestamp() - started;
        byKind.AddOrUpdate(Kind(message.Request), _ => new Totals(1, elapsed), (_, t) => t.Add(elapsed));
    }

    /// <summary>E.g. "GET invoices point", "GET billed query", "POST $batch", "DELETE invoice-runs message".</summary>
    private string Kind(Request request)
    {
        // Azurite's path: /{account}/{resource}…
        var segments = request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : string.Empty;
        var open = resource.IndexOf('(', StringComparison.Ordinal);
        var shape = open < 0 ? (segments.Length > 2 ? segments[^1] : string.Empty)
            : resource.EndsWith("()", StringComparison.Ordinal) ? "query"
            : "point";
        var name = open < 0 ? resource : resource[..open];
        name = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
        if (segments.Length > 2 && shape != "messages")
        {
            shape = "message";
        }

        return $"{request.Method} {name} {shape}".TrimEnd();
    }

    private sealed record Totals(long Count, long Ticks)
    {
        public Totals Add(long ticks) => new(Count + 1, Ticks + ticks);
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.LocalRuntime.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.LocalRuntime.Handler;

/// <summary>
/// Calls a non-HTTP function the way the Functions host calls a custom handler:
/// <c>POST /&lt;FunctionName&gt;</c> with <c>{"Data": {...}, "Metadata": {...}}</c>; 2xx is success,
/// anything else (or no answer) a failure whose <c>Logs</c> are kept as its error. Every call is
/// recorded in the invocation log.
/// </summary>
internal sealed partial class FunctionInvoker
{
    private const int MaxErrorLength = 16 * 1024;

    private readonly HandlerProcess handler;
    private readonly HttpClient http;
    private readonly TimeSpan functionTimeout;
    private readonly string instanceId;
    private readonly TimeProvider time;
    private readonly Action<InvocationRecord> record;
    private readonly ILogger logger;

    public FunctionInvoker(HandlerProcess handler, HttpClient http, TimeSpan functionTimeout, string instanceId, TimeProvider time, Action<InvocationRecord> record, ILogger logger)
    {
        this.handler = handler;
        this.http = http;
        this.functionTimeout = functionTimeout;
        this.instanceId = instanceId;
        this.time = time;
        this.record = record;
        this.logger = logger;
    }

    /// <param name="item">What triggered the call, for the invocation log.</param>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled (the runtime stops).</exception>
    public async Task<InvocationRecord> InvokeAsync(string function, string item, JsonObject data, JsonObject metadata, CancellationToken cancellationToken)
    {
        var payload = new JsonObject { ["Data"] = data, ["Metadata"] = metadata };
        DateTimeOffset started;
        Stopwatch watch;
        (bool Succeeded, string? Error, string? ReturnValue, bool Unreachable) outcome;
        while (true)
        {
            var baseAddress = await handler.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            started = time.GetUtcNow();
            watch = Stopwatch.StartNew();
            LogInvoking(logger, function, item);
            outcome = await CallAsync(new Uri(baseAddress, function), payload, cancellationToken).ConfigureAwait(false);

            // A handler that died a moment ago refuses the connection before its supervisor
            // notices: the call never reached it, so it waits for the restart instead of spending a try.
            if (!outcome.Unreachable || !await handler.WaitReplacedAsync(baseAddress, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        var (succeeded, error, returnValue, _) = outcome;
        var result = new InvocationRecord(function, item, instanceId, started, watch.Elapsed, succeeded, error, returnValue);
        record(result);
        if (result.Succeeded)
        {
            LogSucceeded(logger, function, item, watch.ElapsedMilliseconds);
        }
        else
        {
            LogFailed(logger, function, item, watch.ElapsedMilliseconds, result.Error ?? string.Empty);
        }

        return result;
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";

    private async Task<(bool Succeeded, string? Error, string? ReturnValue, bool Unreachable)> CallAsync(Uri uri, JsonObject payload, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(functionTimeout);
        try
        {
            using var response = await http.PostAsJsonAsync(uri, payload, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var (logs, returnValue) = ParseResponse(body);
            return response.IsSuccessStatusCode
                ? (true, null, returnValue, false)
                : (false, Truncate($"HTTP {(int)response.StatusCode}: {(logs.Length > 0 ? logs : body)}"), returnValue, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"Timed out after {functionTimeout} (host.json functionTimeout).", null, false);
        }
        catch (HttpRequestException e)
        {
            // The handler died or restarted during the call: a failed try.
            return (false, Truncate($"The custom handler did not answer: {e.Message}"), null, e.HttpRequestError == HttpRequestError.ConnectionError);
        }
    }

    private static (string Logs, string? ReturnValue) ParseResponse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (string.Empty, null);
            }

            // The host reads the answer case-insensitively (logs, Logs, …).
            JsonElement? Field(string name) =>
                root.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();
            var logs = Field("Logs") is { ValueKind: JsonValueKind.Array } l
                ? string.Join('\n', l.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()))
                : string.Empty;
            var returnValue = Field("ReturnValue") is { ValueKind: not JsonValueKind.Null } r ? r.GetRawText() : null;
            return (logs, returnValue);
        }
        catch (JsonException)
        {
            return (string.Empty, null);
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Invoking {Function} for {Item}")]
    private static partial void LogInvoking(ILogger logger, string function, string item);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{Function} succeeded for {Item} in {Milliseconds} ms")]
    private static partial void LogSucceeded(ILogger logger, string function, string item, long milliseconds);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "{Function} failed for {Item} after {Milliseconds} ms: {Error}")]
    private static partial void LogFailed(ILogger logger, string function, string item, long milliseconds, string error);
}

using Billing.Invoicing.Clock;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Requests;
using Billing.Invoicing;
using Billing.Invoicing.Workflows;
using Billing.Storage;
using Billing.Storage.Queues;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Hosting;

/// <summary>
/// The non-HTTP functions as the Functions host calls a custom handler: <c>POST /{FunctionName}</c>
/// with a <see cref="FunctionInvocation"/>. Each binds its trigger's data, calls its handler, and
/// answers a <see cref="FunctionResult"/>; a failure answers 500 with the error in <c>Logs</c>.
/// Handlers are resolved inside the error handling so that a failure to build one (an unreadable
/// catalog) is reported in <c>Logs</c> too, not as an empty 500.
/// </summary>
public static partial class InvocationEndpoints
{
    public static IEndpointRouteBuilder MapInvocations(this IEndpointRouteBuilder app)
    {
        // Only the host calls these, on the handler's own port: they are not part of the API the
        // OpenAPI document describes.
        var host = app.MapGroup(string.Empty).ExcludeFromDescription();
        host.MapPost("/IngestUsageBlob", IngestUsageBlob);
        host.MapPost("/ClosePeriods", ClosePeriods);
        host.MapPost("/CheckThreshold", CheckThreshold);
        host.MapPost("/InvoiceRun", InvoiceRun);
        host.MapPost("/Reconcile", Reconcile);
        return app;
    }

    public static Task<JsonHttpResult<FunctionResult>> IngestUsageBlob(
        FunctionInvocation invocation,
        IServiceProvider services,
        StorageNames names,
        ILogger<FunctionInvocation> logger,
        CancellationToken cancellationToken) =>
        RunAsync(logger, "IngestUsageBlob", async () =>
        {
            // The blob's own name and version; its content (Data.blob) is not used: files of any
            // size are streamed from storage instead of being passed through the host.
            var name = invocation.MetadataText("name") ?? throw new ArgumentException("Metadata.name is missing.");
            var etag = invocation.MetadataText("Properties", "ETag") ?? invocation.MetadataText("Properties", "Etag")
                ?? throw new ArgumentException("Metadata.Properties.ETag is missing.");
            var report = await services.GetRequiredService<IngestUsageFileHandler>().HandleAsync(new UsageFile(names.UsageContainer, name, etag), cancellationToken);
            return FunctionResult.Of(
                report,
                $"{name}: {report.Events} events, {report.Accepted} accepted, {report.Duplicates} duplicates, {report.Rejected} rejected, {report.Late} late"
                + (report.Error is { } error ? $"; not read to its end: {error.Code}: {error.Message}" : string.Empty));
        });

    public static Task<JsonHttpResult<FunctionResult>> ClosePeriods(
        FunctionInvocation invocation,
        IServiceProvider services,
        ILogger<FunctionInvocation> logger,
        CancellationToken cancellationToken) =>
        RunTimerAsync("ClosePeriods", invocation, services, logger, cancellationToken);

    public static Task<JsonHttpResult<FunctionResult>> CheckThreshold(
        FunctionInvocation invocation,
        IServiceProvider services,
        ILogger<FunctionInvocation> logger,
        CancellationToken cancellationToken) =>
        RunAsync(logger, "CheckThreshold", async () =>
        {
            var checks = (invocation.DataText("message") is { } text ? QueueMessages.ReadThresholdChecks(text) : null)
                ?? throw new ArgumentException("Data.message is not a threshold-checks message.");
            var requested = await services.GetRequiredService<CheckThresholdHandler>().HandleAsync(checks, cancellationToken);
            return FunctionResult.Of(requested, $"{checks.Count} checked, {requested} threshold runs requested");
        });

    public static Task<JsonHttpResult<FunctionResult>> InvoiceRun(
        FunctionInvocation invocation,
        IServiceProvider services,
        ILogger<FunctionInvocation> logger,
        CancellationToken cancellationToken) =>
        RunAsync(logger, "InvoiceRun", async () =>
        {
            var request = (invocation.DataText("message") is { } text ? QueueMessages.ReadInvoiceRun(text) : null)
                ?? throw new ArgumentException("Data.message is not an invoice-runs message.");
            var invoice = await services.GetRequiredService<InvoiceRunHandler>().HandleAsync(request, cancellationToken);
            return FunctionResult.Of(invoice, $"{request.Subscription}@{request.PeriodStart} ({request.Reason}): {invoice ?? "nothing to invoice"}");
        });

    public static Task<JsonHttpResult<FunctionResult>> Reconcile(
        FunctionInvocation invocation,
        IServiceProvider services,
        ILogger<FunctionInvocation> logger,
        CancellationToken cancellationToken) =>
        RunTimerAsync("Reconcile", invocation, services, logger, cancellationToken);

    /// <summary>A timer function runs the same <see cref="IDueTimer"/> the test clock runs, so both report it alike.</summary>
    private static Task<JsonHttpResult<FunctionResult>> RunTimerAsync(
        string function,
        FunctionInvocation invocation,
        IServiceProvider services,
        ILogger logger,
        CancellationToken cancellationToken) =>
        RunAsync(logger, function, async () =>
        {
            var pastDue = IsPastDue(invocation);
            var timer = services.GetServices<IDueTimer>().Single(t => t.FunctionName == function);
            var run = await timer.RunAsync(new TimerRun(pastDue), cancellationToken);
            return FunctionResult.Of(run.Result, $"{run.Message}{(pastDue ? " (past due)" : string.Empty)}");
        });

    private static bool IsPastDue(FunctionInvocation invocation) =>
        invocation.Data?.TryGetValue("timer", out var timer) == true
        && timer.ValueKind == System.Text.Json.JsonValueKind.Object
        && timer.TryGetProperty("IsPastDue", out var isPastDue)
        && isPastDue.ValueKind == System.Text.Json.JsonValueKind.True;

    private static async Task<JsonHttpResult<FunctionResult>> RunAsync(ILogger logger, string function, Func<Task<FunctionResult>> body)
    {
        try
        {
            return TypedResults.Json(await body());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, function);
            return TypedResults.Json(FunctionResult.Of(null, $"{function} failed: {e.GetType().Name}: {e.Message}"), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "{Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}

using System.Globalization;
using Azure;
using Billing.Storage.Calls;

namespace Billing.Functions.Hosting;

/// <summary>
/// The HTTP API's answer when storage does not: 503 <c>storage_unavailable</c> with
/// <c>Retry-After</c>, rather than a 500. Every storage request gives up within
/// <see cref="StorageCallOptions.CallTimeout"/> (8 s by default), so a frozen storage is answered
/// within that bound, not after the SDK's minutes. A write may or may not have happened; the API's
/// writes are idempotent (meter events by identifier), so the caller sends the same request again.
/// </summary>
internal static partial class StorageUnavailableFilter
{
    /// <summary>Seconds a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e) && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var http = context.HttpContext;
            LogUnavailable(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageUnavailableFilter)), e, http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Json(
                ErrorBody.Of("storage_unavailable", $"Storage did not answer in time, so what the request wrote, if anything, is unknown. Send it again in {RetryAfterSeconds} s: repeats are recognised."),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    // No answer within the budget, or "server busy" after every retry the budget allowed.
    private static bool IsUnavailable(Exception e) => e switch
    {
        StorageUnavailableException => true,
        RequestFailedException { Status: StatusCodes.Status503ServiceUnavailable } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnavailable),
        _ => false,
    };

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: storage is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}

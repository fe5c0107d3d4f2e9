using System.Globalization;
using Azure;
using Billing.Storage.Calls;

namespace Billing.Functions.Hosting;

/// <summary>
/// What every HTTP function shares: the error body, and the API's answer when storage does not:
/// 503 <c>storage_unavailable</c> with <c>Retry-After</c>, rather than a 500. Every storage request
/// gives up within <see cref="StorageCallOptions.CallTimeout"/> (8 s by default), so a frozen
/// storage is answered within that bound, not after the SDK's minutes. A write may or may not have
/// happened; the API's writes are idempotent (meter events by identifier), so the caller sends the
/// same request again.
/// </summary>
public sealed partial class HttpEdge(ILogger<HttpEdge> logger)
{
    /// <summary>Seconds a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Runs a function's body; storage that does not answer becomes 503 with Retry-After.</summary>
    public async Task<IResult> GuardAsync(HttpRequest request, Func<Task<IResult>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e) && !cancellationToken.IsCancellationRequested && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(e, request.Method, request.Path);
            request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Error(
                StatusCodes.Status503ServiceUnavailable,
                "storage_unavailable",
                $"Storage did not answer in time, so what the request wrote, if anything, is unknown. Send it again in {RetryAfterSeconds} s: repeats are recognised.");
        }
    }

    /// <summary>An answer with the error body <c>{"error": {"code", "message"}}</c>.</summary>
    public static IResult Error(int status, string code, string message) =>
        TypedResults.Json(ErrorBody.Of(code, message), statusCode: status);

    // No answer within the budget, or "server busy" after every retry the budget allowed.
    private static bool IsUnavailable(Exception e) => e switch
    {
        StorageUnavailableException => true,
        RequestFailedException { Status: StatusCodes.Status503ServiceUnavailable } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnavailable),
        _ => false,
    };

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: storage is unavailable")]
    private partial void LogUnavailable(Exception exception, string method, string path);
}

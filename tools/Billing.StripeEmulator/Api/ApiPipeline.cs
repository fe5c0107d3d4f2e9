using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Idempotency;
using Billing.StripeEmulator.Persistence;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Api;

/// <summary>
/// What every <c>/v1</c> request goes through, in Stripe's order: a <c>Request-Id</c>, the API
/// key, the fault switches, the parameters, the idempotency key, the handler, the journal (what the
/// handler changed and the saved answer, written before answering), and the answer (saved under the
/// key when the handler ran). Counts every request by route.
/// </summary>
internal sealed partial class ApiPipeline(
    IdempotencyStore idempotency,
    FaultInjector faults,
    RequestCounter counter,
    EmulatorJournal journal,
    IOptions<StripeEmulatorOptions> options,
    ILogger<ApiPipeline> logger)
{
    private const int MaxIdempotencyKeyLength = 255;

    private readonly string apiVersion = options.Value.ApiVersion;

    public async Task ExecuteAsync(HttpContext http, string route, ApiHandler handler)
    {
        counter.Count(route);
        var requestId = IdGenerator.New("req");
        var headers = http.Response.Headers;
        headers["Request-Id"] = requestId;
        headers["Stripe-Version"] = http.Request.Headers.TryGetValue("Stripe-Version", out var version) ? version.ToString() : apiVersion;

        if (!ApiKeys.TryAuthenticate(http.Request, out var apiKey, out var authError))
        {
            await ApiResponses.WriteErrorAsync(http, StatusCodes.Status401Unauthorized, authError!).ConfigureAwait(false);
            return;
        }

        var fault = faults.BeforeRequest();
        if (fault != InjectedFault.None)
        {
            await WriteFaultAsync(http, route, fault).ConfigureAwait(false);
            return;
        }

        FormParameters parameters;
        try
        {
            parameters = await RequestParameters.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (ApiRequestException e)
        {
            await ApiResponses.WriteErrorAsync(http, e.StatusCode, e.Error).ConfigureAwait(false);
            return;
        }

        var account = ApiKeys.Account(apiKey);
        var key = HttpMethods.IsPost(http.Request.Method) && http.Request.Headers.TryGetValue("Idempotency-Key", out var values) ? values.ToString() : null;
        IdempotencyEntry? entry = null;
        if (key is not null)
        {
            headers["Idempotency-Key"] = key;
            if (key.Length is 0 or > MaxIdempotencyKeyLength)
            {
                await ApiResponses.WriteErrorAsync(http, StatusCodes.Status400BadRequest, new ApiError(ErrorTypes.InvalidRequest, $"Idempotency keys are 1 to {MaxIdempotencyKeyLength} characters long.")).ConfigureAwait(false);
                return;
            }

            var fingerprint = $"{http.Request.Method} {http.Request.Path}?{parameters.Canonical()}";
            switch (idempotency.Claim(account, key, fingerprint))
            {
                case IdempotencyClaim.Run run:
                    entry = run.Entry;
                    break;
                case IdempotencyClaim.Replay replay:
                    headers["Idempotent-Replayed"] = "true";
                    headers["Original-Request"] = replay.Response.RequestId;
                    await ApiResponses.WriteAsync(http, replay.Response.StatusCode, replay.Response.Body).ConfigureAwait(false);
                    return;
                case IdempotencyClaim.Mismatch:
                    await ApiResponses.WriteErrorAsync(http, StatusCodes.Status400BadRequest, new ApiError(
                        ErrorTypes.Idempotency,
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.")).ConfigureAwait(false);
                    return;
                case IdempotencyClaim.InProgress:
                    headers["Stripe-Should-Retry"] = "true";
                    await ApiResponses.WriteErrorAsync(http, StatusCodes.Status409Conflict, new ApiError(
                        ErrorTypes.InvalidRequest,
                        $"There is currently another in-progress request using this idempotency key ('{key}'). Retry this request later.",
                        ErrorCodes.IdempotencyKeyInUse)).ConfigureAwait(false);
                    return;
            }
        }

        ApiResponse response;
        var ran = true;
        try
        {
            response = handler(new ApiRequest(parameters, http.Request.RouteValues, new RequestContext(requestId, key, $"{http.Request.Scheme}://{http.Request.Host}")));
        }
        catch (ApiRequestException e)
        {
            response = ApiResponse.Error(e.StatusCode, e.Error);
            ran = false;
        }

        var body = StripeJson.Serialize(response.Body);
        IdempotencyState? answered = null;
        if (entry is not null)
        {
            if (ran)
            {
                IdempotencyStore.Complete(entry, new SavedResponse(response.StatusCode, body, requestId));
                answered = journal.Enabled ? IdempotencyStore.State(account, key!, entry) : null;
            }
            else
            {
                idempotency.Release(account, key!, entry);
            }
        }

        journal.Commit(answered);

        if (ran && faults.LoseResponse())
        {
            counter.CountFault("lost_response");
            LogFault(route, "lost response");
            http.Abort();
            return;
        }

        await ApiResponses.WriteAsync(http, response.StatusCode, body).ConfigureAwait(false);
    }

    private async Task WriteFaultAsync(HttpContext http, string route, InjectedFault fault)
    {
        // Injected ahead of the endpoint: nothing ran, so a retry is always safe.
        http.Response.Headers["Stripe-Should-Retry"] = "true";
        if (fault == InjectedFault.RateLimited)
        {
            counter.CountFault("429");
            LogFault(route, "429");
            await ApiResponses.WriteErrorAsync(http, StatusCodes.Status429TooManyRequests, new ApiError(
                ErrorTypes.InvalidRequest,
                "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
                ErrorCodes.RateLimit)).ConfigureAwait(false);
            return;
        }

        counter.CountFault("500");
        LogFault(route, "500");
        await ApiResponses.WriteErrorAsync(http, StatusCodes.Status500InternalServerError, new ApiError(
            ErrorTypes.Api,
            "An unknown error occurred (injected by the Stripe emulator).")).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 910, Level = LogLevel.Debug, Message = "Injected fault on {Route}: {Fault}")]
    private partial void LogFault(string route, string fault);
}

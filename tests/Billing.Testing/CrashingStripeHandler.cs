using Billing.Stripe;
using Stripe;

namespace Billing.Testing;

/// <summary>
/// An HTTP handler under Stripe.net for "kill at each step" tests: it counts the requests to
/// <c>/v1</c> paths (1-based; each Stripe.net retry is a request of its own) and throws a
/// <see cref="SimulatedCrashException"/> once, before sending request <see cref="CrashAt"/> or after
/// receiving its response. Run a workflow once with <see cref="Never"/> to learn how many requests
/// it makes, then once per request and moment, and check that running it again converges.
/// <para>
/// Stripe.net 53.1.0's <c>SystemNetHttpClient</c> retries only an <see cref="HttpRequestException"/>
/// or an <see cref="OperationCanceledException"/> the caller did not ask for; any other exception
/// from the HTTP pipeline propagates unchanged and is not retried (checked in
/// <c>CrashRecoveryTests</c>). So the crash ends the call the way a process kill would: after the
/// response, Stripe has done the work and the caller does not know it.
/// </para>
/// </summary>
public sealed class CrashingStripeHandler : DelegatingHandler
{
    private int requests;
    private int crashes;

    private CrashingStripeHandler(CrashMoment? moment, int crashAt, HttpMessageHandler? innerHandler)
        : base(innerHandler ?? new SocketsHttpHandler())
    {
        Moment = moment;
        CrashAt = crashAt;
    }

    /// <summary>When the crash comes; null for a handler that never crashes.</summary>
    public CrashMoment? Moment { get; }

    /// <summary>The 1-based <c>/v1</c> request the crash hits (0 when it never crashes).</summary>
    public int CrashAt { get; }

    /// <summary>The <c>/v1</c> requests seen so far, the crashed one included.</summary>
    public int Requests => Volatile.Read(ref requests);

    public bool Crashed => Volatile.Read(ref crashes) > 0;

    /// <summary>Crashes before request <paramref name="request"/> (1-based) is sent.</summary>
    public static CrashingStripeHandler BeforeRequest(int request, HttpMessageHandler? innerHandler = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request, 1);
        return new(CrashMoment.BeforeRequest, request, innerHandler);
    }

    /// <summary>Crashes once the response of request <paramref name="request"/> (1-based) has arrived.</summary>
    public static CrashingStripeHandler AfterResponse(int request, HttpMessageHandler? innerHandler = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request, 1);
        return new(CrashMoment.AfterResponse, request, innerHandler);
    }

    /// <summary>Crashes at <paramref name="moment"/> of request <paramref name="request"/>.</summary>
    public static CrashingStripeHandler At(CrashMoment moment, int request, HttpMessageHandler? innerHandler = null) =>
        moment == CrashMoment.BeforeRequest ? BeforeRequest(request, innerHandler) : AfterResponse(request, innerHandler);

    /// <summary>Only counts: for learning how many requests a workflow makes.</summary>
    public static CrashingStripeHandler Never(HttpMessageHandler? innerHandler = null) => new(null, 0, innerHandler);

    /// <summary>
    /// A Stripe.net client through this handler, built as the app builds its own
    /// (<see cref="StripeClientFactory.Create"/>: Stripe.net's retries, then the rate limiter, then this).
    /// Use it for one client only.
    /// </summary>
    public IStripeClient CreateClient(StripeOptions options) => StripeClientFactory.Create(options, TimeProvider.System, this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } uri || !uri.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var number = Interlocked.Increment(ref requests);
        var crashHere = Moment is not null && number == CrashAt;
        if (crashHere && Moment == CrashMoment.BeforeRequest)
        {
            throw Crash(number, request);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (crashHere)
        {
            response.Dispose();
            throw Crash(number, request);
        }

        return response;
    }

    private SimulatedCrashException Crash(int number, HttpRequestMessage request)
    {
        Interlocked.Increment(ref crashes);
        return new SimulatedCrashException(number, Moment!.Value, $"{request.Method} {request.RequestUri!.AbsolutePath}");
    }
}

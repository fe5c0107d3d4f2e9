using Billing.Testing;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// A kill of the process at one moment of one Stripe request (1-based, <c>/v1</c> paths): the
/// request blocks there and <see cref="Reached"/> completes, so the test can stop the Durable
/// worker and sidecar under it; once <see cref="Release"/>d, the call fails, so the "dead"
/// process never completes it (no zombie reports a result). Before the request: Stripe never saw
/// it; after the response: Stripe did the work and nobody learned it.
/// </summary>
internal sealed class KillingStripeHandler(CrashMoment moment, int killAt) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int requests;

    public Task Reached => reached.Task;

    public void Release() => released.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } uri || !uri.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var number = Interlocked.Increment(ref requests);
        if (number != killAt)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (moment == CrashMoment.AfterResponse)
        {
            (await base.SendAsync(request, cancellationToken)).Dispose();
        }

        reached.TrySetResult();
        await released.Task;
        throw new SimulatedCrashException(number, moment, $"{request.Method} {uri.AbsolutePath}");
    }
}
